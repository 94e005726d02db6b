/**
 * Remote actions by the help desk (DESIGN F16): the staff-only rules around the command service.
 *
 * Decisions:
 * - Each action is checked against the grants that carry its own permission (lost mode off is
 *   the undo of a lock, so it needs devices.lock). A device outside their scope answers
 *   NOT_FOUND, exactly like a device that does not exist.
 * - The command itself goes through requestCommand / cancelCommand, so staff meet the same
 *   platform, state and one-destructive-at-a-time rules as owners, and the same audit event
 *   (with origin help_desk and the reason). The owner's status is not looked at: the help desk
 *   must be able to lock or wipe the device of someone who has left.
 * - Deleting a record is allowed whatever the device's state: a lost device that never comes
 *   back has to go too. The device's secret dies with the row (it can no longer authenticate),
 *   its commands, compliance results and scope tags go with it (foreign-key cascades), tickets
 *   and enrollment history keep their rows without the link. The audit event keeps a snapshot,
 *   since afterwards nothing else remembers what the device was.
 */
import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { deviceCommands, devices, users } from "@/db/schema";
import type { Db } from "@/db/types";
import { recordAudit } from "../audit/record";
import type { CommandKind } from "../devices/capabilities";
import { AppError, isAppError } from "../errors";
import { grantsFor, type Grant } from "../rbac/grants";
import type { Permission } from "../rbac/permissions";
import { deviceScopeCondition } from "../rbac/scope";
import { assertDeviceInScope } from "../rbac/scope-checks";
import { signalDevice } from "../realtime/device-signals";
import { ACTIVE_STATUSES, commandColumns, isUuid, type CommandView } from "./command-effects";
import { cancelCommand, requestCommand, type CommandRequest } from "./commands";
import { staffActor, type StaffCaller } from "./staff-caller";

/** The permission each command kind needs, for requesting it and for canceling it. */
export const ACTION_PERMISSIONS: Record<CommandKind, Permission> = {
  sync: "devices.sync",
  rename: "devices.rename",
  lock: "devices.lock",
  lost_mode_off: "devices.lock",
  reset_passcode: "devices.reset_passcode",
  retire: "devices.retire",
  wipe: "devices.wipe",
};
const ACTION_PERMISSION_SET: readonly Permission[] = [...new Set(Object.values(ACTION_PERMISSIONS))];

export type StaffCommand = CommandView & { deviceName: string; requesterName: string | null };

const forbidden = (permission: Permission) => new AppError("FORBIDDEN", `You do not have the "${permission}" permission.`);
const noDevice = () => new AppError("NOT_FOUND", "No such device.");
const noCommand = () => new AppError("NOT_FOUND", "This action does not exist.");

// From all the caller's grants, not the procedure's: the service, not the router, says which
// permission a command kind needs (cancel only knows it once the command is read).
function grantsWith(caller: StaffCaller, permission: Permission): Grant[] {
  const grants = grantsFor(caller.allGrants, permission);
  if (grants.length === 0) throw forbidden(permission);
  return grants;
}

// Trimmed like the command service does, so delete (which does not go through it) agrees.
function checkedReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < 3) throw new AppError("BAD_REQUEST", "Give a reason for this action (at least 3 characters).", { field: "reason" });
  return trimmed;
}

/** Queues a command on a device in the caller's scope for that command's permission. */
export async function staffRequestCommand(
  db: Db,
  caller: StaffCaller,
  deviceId: string,
  request: CommandRequest,
  reason: string,
  opts: { passcodeKey: string; now?: Date },
): Promise<CommandView> {
  const grants = grantsWith(caller, ACTION_PERMISSIONS[request.kind]);
  if (!isUuid(deviceId)) throw noDevice();
  await assertDeviceInScope(db, grants, deviceId);
  return requestCommand(db, { kind: "staff", userId: caller.userId, reason: checkedReason(reason) }, deviceId, request, caller.meta, opts);
}

/**
 * Cancels a pending or sent command (whoever asked for it) with the permission of its kind. A
 * caller without any action permission is FORBIDDEN before anything is read; a command on a
 * device outside every one of their action scopes is NOT_FOUND, so refusals reveal nothing.
 */
export async function staffCancelCommand(
  db: Db,
  caller: StaffCaller,
  commandId: string,
  reason: string,
  opts: { now?: Date } = {},
): Promise<CommandView> {
  const anyAction = caller.allGrants.filter((grant) => grant.permissions.some((p) => ACTION_PERMISSION_SET.includes(p)));
  if (anyAction.length === 0) throw new AppError("FORBIDDEN", "You do not have permission to run device actions.");
  const [command] = isUuid(commandId)
    ? await db
        .select({ kind: deviceCommands.kind, deviceId: deviceCommands.deviceId })
        .from(deviceCommands)
        .innerJoin(devices, eq(devices.id, deviceCommands.deviceId))
        .where(and(eq(deviceCommands.id, commandId), deviceScopeCondition(db, anyAction, devices.id, devices.ownerId)))
    : [];
  if (!command) throw noCommand();
  const grants = grantsWith(caller, ACTION_PERMISSIONS[command.kind]);
  await assertDeviceInScope(db, grants, command.deviceId).catch((error: unknown) => {
    throw isAppError(error) ? noCommand() : error;
  });
  return cancelCommand(db, { kind: "staff", userId: caller.userId, reason: checkedReason(reason) }, commandId, caller.meta, opts);
}

const requester = alias(users, "requester");

/** Commands with the device's name and who asked, newest first; never the encrypted passcode. */
export function commandsWithRequester(db: Db, where: SQL, limit: number): Promise<StaffCommand[]> {
  return db
    .select({ ...commandColumns, deviceName: devices.displayName, requesterName: requester.name })
    .from(deviceCommands)
    .innerJoin(devices, eq(devices.id, deviceCommands.deviceId))
    .leftJoin(requester, eq(requester.id, deviceCommands.requestedById))
    .where(where)
    .orderBy(desc(deviceCommands.createdAt), desc(deviceCommands.id))
    .limit(limit);
}

/** One device's command history for staff holding devices.read over it. */
export async function staffDeviceCommands(db: Db, caller: StaffCaller, deviceId: string): Promise<StaffCommand[]> {
  const grants = grantsWith(caller, "devices.read");
  if (!isUuid(deviceId)) throw noDevice();
  await assertDeviceInScope(db, grants, deviceId);
  return commandsWithRequester(db, eq(deviceCommands.deviceId, deviceId), 200);
}

/** Removes a device record for good (see the decisions above), audited with a snapshot first. */
export async function deleteDeviceRecord(db: Db, caller: StaffCaller, deviceId: string, reason: string): Promise<{ deviceId: string; deleted: true }> {
  const grants = grantsWith(caller, "devices.delete");
  const why = checkedReason(reason);
  if (!isUuid(deviceId)) throw noDevice();
  return db.transaction(async (tx) => {
    // Scope is checked under the row lock, so the record cannot change hands between check and delete.
    const [row] = await tx
      .select({ device: devices, ownerName: users.name, ownerEmail: users.email })
      .from(devices)
      .innerJoin(users, eq(users.id, devices.ownerId))
      .where(and(eq(devices.id, deviceId), deviceScopeCondition(db, grants, devices.id, devices.ownerId)))
      .for("update", { of: devices });
    if (!row) throw noDevice();
    const { device } = row;
    const [commands] = await tx
      .select({ total: count(), active: count(sql`case when ${inArray(deviceCommands.status, [...ACTIVE_STATUSES])} then 1 end`) })
      .from(deviceCommands)
      .where(eq(deviceCommands.deviceId, device.id));
    await recordAudit(tx, {
      actor: staffActor(caller),
      action: "device.deleted",
      target: { type: "device", id: device.id },
      subjectUserId: device.ownerId,
      details: {
        reason: why,
        // Dates as ISO strings: the details are hashed and must read back exactly as written.
        snapshot: {
          displayName: device.displayName,
          platform: device.platform,
          osVersion: device.osVersion,
          model: device.model,
          manufacturer: device.manufacturer,
          serial: device.serial,
          imei: device.imei,
          ownership: device.ownership,
          managementState: device.managementState,
          complianceState: device.complianceState,
          enrolledAt: device.enrolledAt.toISOString(),
          lastCheckInAt: device.lastCheckInAt?.toISOString() ?? null,
          owner: { id: device.ownerId, name: row.ownerName, email: row.ownerEmail },
        },
        commandsRemoved: Number(commands?.total ?? 0),
        activeCommandsRemoved: Number(commands?.active ?? 0),
      },
      ...caller.meta,
    });
    await tx.delete(devices).where(eq(devices.id, device.id));
    // An agent holding its event stream checks in at once and learns its secret is gone (401).
    await signalDevice(tx, device.id);
    // The live-update triggers fire on insert and update only; tell the owner's open portal here.
    await tx.execute(sql`select ward_signal_user(${device.ownerId}::uuid, 'devices')`);
    return { deviceId: device.id, deleted: true as const };
  });
}
