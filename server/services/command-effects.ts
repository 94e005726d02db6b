import { and, eq, inArray, sql } from "drizzle-orm";
import { deviceCommands, devices } from "@/db/schema";
import type { Tx } from "@/db/types";
import type { CommandKind } from "../devices/capabilities";
import { DEFAULT_LOST_MODE_MESSAGE } from "../devices/command-payloads";
import { notify } from "./notifications";

/** Every column but the encrypted passcode, which never leaves the services except through a reveal. */
export const commandColumns = {
  id: deviceCommands.id,
  deviceId: deviceCommands.deviceId,
  kind: deviceCommands.kind,
  payload: deviceCommands.payload,
  status: deviceCommands.status,
  result: deviceCommands.result,
  error: deviceCommands.error,
  requestedById: deviceCommands.requestedById,
  origin: deviceCommands.origin,
  reason: deviceCommands.reason,
  deliveryAttempts: deviceCommands.deliveryAttempts,
  createdAt: deviceCommands.createdAt,
  sentAt: deviceCommands.sentAt,
  finishedAt: deviceCommands.finishedAt,
  expiresAt: deviceCommands.expiresAt,
};
export type CommandView = Omit<typeof deviceCommands.$inferSelect, "secretCiphertext">;

export const ACTIVE_STATUSES = ["pending", "sent"] as const;
export const DESTRUCTIVE_KINDS: readonly CommandKind[] = ["retire", "wipe"];

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Time to live. A sync is stale after a day. Most actions wait a week for the device to come
 * back online (matching the 7 days a temporary passcode can be revealed). Retire and wipe wait
 * 30 days: a lost device may stay off for weeks and the wipe must still reach it when it turns up.
 */
export function commandTtlMs(kind: CommandKind): number {
  if (kind === "sync") return DAY_MS;
  return DESTRUCTIVE_KINDS.includes(kind) ? 30 * DAY_MS : 7 * DAY_MS;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs and device requests; a malformed one is simply not found (never a SQL error). */
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * A unique-index violation (23505) from postgres.js (`constraint_name`) or PGlite (`constraint`),
 * possibly wrapped by Drizzle; with `constraint`, only a violation of that index.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (pg.code === "23505") return !constraint || (pg.constraint_name ?? pg.constraint) === constraint;
  }
  return false;
}

/** The partial unique index behind "at most one active wipe or retire per device". */
export const ONE_ACTIVE_DESTRUCTIVE_INDEX = "device_commands_one_active_destructive_uq";

/**
 * Ends a retire or wipe that did not happen (canceled, failed, expired). The device returns to
 * where it was: lost mode if it still carries a lost-mode message (a lost device being wiped
 * stays lost when the wipe is called off), else enrolled. Only a device still waiting for this
 * very kind changes.
 */
export async function restoreAfterDestructive(tx: Tx, deviceId: string, kind: CommandKind, now: Date): Promise<void> {
  if (!DESTRUCTIVE_KINDS.includes(kind)) return;
  await tx
    .update(devices)
    .set({
      managementState: sql`case when ${devices.lostModeMessage} is not null then 'lost_mode' else 'enrolled' end::management_state`,
      updatedAt: now,
    })
    .where(and(eq(devices.id, deviceId), eq(devices.managementState, kind === "retire" ? "retire_pending" : "wipe_pending")));
}

type FinishedCommand = { id: string; deviceId: string; kind: CommandKind; payload: Record<string, unknown> };

/** Applies what a completed command did on the device to the device record. */
export async function applyCompletion(tx: Tx, command: FinishedCommand, now: Date): Promise<void> {
  const where = eq(devices.id, command.deviceId);
  const payload = command.payload;
  switch (command.kind) {
    case "lock":
      // A lock that lands while a retire or wipe is pending keeps the pending state; the message
      // still records that the device is lost, so calling off the wipe returns it to lost mode.
      await tx
        .update(devices)
        .set({
          managementState: sql`case when ${devices.managementState} = 'enrolled' then 'lost_mode' else ${devices.managementState} end`,
          lostModeMessage: typeof payload.message === "string" ? payload.message : DEFAULT_LOST_MODE_MESSAGE,
          lostModePhone: typeof payload.phone === "string" ? payload.phone : null,
          updatedAt: now,
        })
        .where(where);
      return;
    case "lost_mode_off":
      await tx
        .update(devices)
        .set({
          managementState: sql`case when ${devices.managementState} = 'lost_mode' then 'enrolled' else ${devices.managementState} end`,
          lostModeMessage: null,
          lostModePhone: null,
          updatedAt: now,
        })
        .where(where);
      return;
    case "rename":
      if (typeof payload.name === "string") await tx.update(devices).set({ displayName: payload.name, updatedAt: now }).where(where);
      return;
    case "retire":
    case "wipe":
      // Without its secret hash the device can no longer authenticate: the secret stops working.
      await tx
        .update(devices)
        .set({ managementState: command.kind === "retire" ? "retired" : "wiped", secretHash: null, updatedAt: now })
        .where(where);
      // Nothing else can reach the device any more; close its queue rather than let it expire.
      await tx
        .update(deviceCommands)
        .set({ status: "canceled", finishedAt: now, error: `The device was ${command.kind === "retire" ? "retired" : "wiped"}.` })
        .where(and(eq(deviceCommands.deviceId, command.deviceId), inArray(deviceCommands.status, [...ACTIVE_STATUSES])));
      return;
    case "sync":
    case "reset_passcode":
      // Check-in records the sync; the passcode lives on the device.
      return;
  }
}

const LABEL: Record<CommandKind, string> = {
  sync: "Sync",
  rename: "Rename",
  lock: "Lock",
  lost_mode_off: "Leaving lost mode",
  reset_passcode: "Passcode reset",
  retire: "Removal",
  wipe: "Wipe",
};

function completedText(command: FinishedCommand, name: string, hasTemporaryPasscode: boolean): { title: string; body: string } {
  switch (command.kind) {
    case "sync":
      return { title: "Sync completed", body: `“${name}” checked in and reported its status.` };
    case "rename":
      return { title: "Device renamed", body: `Your device is now called “${String(command.payload.name)}”.` };
    case "lock":
      return { title: "Device locked", body: `“${name}” is locked in lost mode.` };
    case "lost_mode_off":
      return { title: "Lost mode ended", body: `“${name}” is unlocked and out of lost mode.` };
    case "reset_passcode":
      return hasTemporaryPasscode
        ? { title: "Passcode reset", body: `A temporary passcode is set on “${name}”. You can see it in the portal for 7 days.` }
        : { title: "Passcode removed", body: `The passcode on “${name}” was removed. Set a new one on the device.` };
    case "retire":
      return { title: "Device removed", body: `Company data was removed from “${name}”; it is no longer managed.` };
    case "wipe":
      return { title: "Device wiped", body: `“${name}” was erased and reset to factory settings.` };
  }
}

/** Tells the owner how an action ended, in the transaction that records the result. */
export async function notifyResult(
  tx: Tx,
  owner: { userId: string; deviceName: string },
  command: FinishedCommand & { hasTemporaryPasscode: boolean },
  outcome: { status: "completed" | "failed"; error?: string | null },
): Promise<void> {
  const text =
    outcome.status === "completed"
      ? completedText(command, owner.deviceName, command.hasTemporaryPasscode)
      : {
          title: `${LABEL[command.kind]} failed`,
          body: `“${owner.deviceName}” reported a failure${outcome.error ? `: ${outcome.error}` : "."}`,
        };
  await notify(tx, owner.userId, {
    kind: outcome.status === "completed" ? "command_finished" : "command_failed",
    ...text,
    link: `/devices/${command.deviceId}`,
    data: { deviceId: command.deviceId, commandId: command.id, kind: command.kind },
  });
}
