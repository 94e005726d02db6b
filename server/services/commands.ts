import { randomInt } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import { deviceCommands, devices, users } from "@/db/schema";
import type { Db, Tx } from "@/db/types";
import { recordAudit, type Actor } from "../audit/record";
import { sealSecret } from "../crypto/secret-box";
import { capabilityFor, COMMAND_KINDS, type CommandKind } from "../devices/capabilities";
import { parseCommandPayload } from "../devices/command-payloads";
import { AppError, isAppError } from "../errors";
import type { RequestMeta } from "../http/request-meta";
import { signalDevice } from "../realtime/device-signals";
import {
  ACTIVE_STATUSES,
  commandColumns,
  commandTtlMs,
  DESTRUCTIVE_KINDS,
  isUniqueViolation,
  isUuid,
  ONE_ACTIVE_DESTRUCTIVE_INDEX,
  restoreAfterDestructive,
  type CommandView,
} from "./command-effects";
import { assertTermsAccepted } from "./terms";

/** Who asks: the device's owner (self-service, with their session's sign-in time) or staff (with a reason). */
export type Requester = { kind: "owner"; userId: string; authTime: number } | { kind: "staff"; userId: string; reason: string };
export type CommandRequest = { kind: CommandKind; payload?: unknown };
export type { CommandView } from "./command-effects";

/** Self-service actions that destroy data or open the device need a sign-in this recent (seconds). */
export const STEP_UP_MAX_AGE_SECONDS = 5 * 60;
const RISKY_KINDS: readonly CommandKind[] = ["wipe", "reset_passcode", "retire"];

function staffReason(requester: Requester): string | null {
  if (requester.kind === "owner") return null;
  const reason = requester.reason.trim();
  if (reason.length < 3) throw new AppError("BAD_REQUEST", "Give a reason for this action (at least 3 characters).", { field: "reason" });
  return reason;
}

const actorOf = (requester: Requester): Actor => ({ kind: requester.kind === "owner" ? "user" : "staff", id: requester.userId });

export async function assertActiveUser(db: Db, userId: string): Promise<void> {
  const [user] = await db.select({ status: users.status }).from(users).where(eq(users.id, userId));
  if (user?.status !== "active") throw new AppError("UNAUTHORIZED", "This account is not active.");
}

/**
 * The device, optionally locked for the caller's transaction. Owners see only their own devices;
 * staff scope checks come with the help desk.
 */
export async function findDevice(db: Db | Tx, requester: { kind: Requester["kind"]; userId: string }, deviceId: string, lock = false) {
  const query = db.select().from(devices).where(eq(devices.id, deviceId));
  const [device] = isUuid(deviceId) ? await (lock ? query.for("update") : query) : [];
  if (!device || (requester.kind === "owner" && device.ownerId !== requester.userId)) {
    throw new AppError("NOT_FOUND", "This device does not exist.");
  }
  return device;
}

export type QueueInput = {
  device: { id: string; ownerId: string };
  kind: CommandKind;
  payload: Record<string, unknown>;
  origin: "self_service" | "help_desk" | "policy";
  requestedById: string;
  reason: string | null;
  secretCiphertext?: string | null;
  actor: Actor;
  now: Date;
};

/**
 * Inserts a checked command and everything that goes with it, in the caller's transaction: the
 * device's pending state for retire and wipe, the audit event, and the signal that tells the
 * device to check in (delivered at commit).
 */
export async function queueCommand(tx: Tx, input: QueueInput, meta: RequestMeta): Promise<CommandView> {
  const { device, kind, now } = input;
  const [command] = await tx
    .insert(deviceCommands)
    .values({
      deviceId: device.id,
      kind,
      payload: input.payload,
      secretCiphertext: input.secretCiphertext ?? null,
      requestedById: input.requestedById,
      origin: input.origin,
      reason: input.reason,
      createdAt: now,
      expiresAt: new Date(now.getTime() + commandTtlMs(kind)),
    })
    .returning(commandColumns);
  if (DESTRUCTIVE_KINDS.includes(kind)) {
    await tx
      .update(devices)
      .set({ managementState: kind === "retire" ? "retire_pending" : "wipe_pending", updatedAt: now })
      .where(eq(devices.id, device.id));
  }
  await recordAudit(tx, {
    actor: input.actor,
    action: "device.command_requested",
    target: { type: "device", id: device.id },
    subjectUserId: device.ownerId,
    // The stored payload never holds a passcode (it is only in secretCiphertext), so it may be logged.
    details: { commandId: command!.id, kind, origin: input.origin, reason: input.reason, payload: input.payload },
    ...meta,
  });
  await signalDevice(tx, device.id);
  return command!;
}

export const activeCommandsOf = (tx: Tx, deviceId: string) =>
  tx
    .select({ kind: deviceCommands.kind, status: deviceCommands.status })
    .from(deviceCommands)
    .where(and(eq(deviceCommands.deviceId, deviceId), inArray(deviceCommands.status, [...ACTIVE_STATUSES])));

/** Requests a command for a device; the row returned never carries the encrypted passcode. */
export async function requestCommand(
  db: Db,
  requester: Requester,
  deviceId: string,
  request: CommandRequest,
  meta: RequestMeta,
  opts: { passcodeKey: string; now?: Date; stepUpMaxAgeSeconds?: number },
): Promise<CommandView> {
  const now = opts.now ?? new Date();
  const reason = staffReason(requester);
  if (!COMMAND_KINDS.includes(request.kind)) throw new AppError("BAD_REQUEST", "Unknown action.", { field: "kind" });
  const kind = request.kind;
  const payload = parseCommandPayload(kind, request.payload);
  await assertActiveUser(db, requester.userId);
  if (requester.kind === "owner") {
    // Someone else's device answers NOT_FOUND before anything is said about terms.
    await findDevice(db, requester, deviceId);
    await assertTermsAccepted(db, requester.userId);
  }
  try {
    return await db.transaction(async (tx) => {
      // The row lock serializes requests for one device, so the checks below see each other's commands.
      const device = await findDevice(tx, requester, deviceId, true);
      const active = await activeCommandsOf(tx, device.id);
      if (DESTRUCTIVE_KINDS.includes(kind) && active.some((c) => DESTRUCTIVE_KINDS.includes(c.kind))) throw destructiveConflict();
      const capability = capabilityFor(device, active, kind);
      if (!capability.allowed) throw new AppError("UNPROCESSABLE", capability.reason, { reason: capability.code, kind });
      const maxAge = opts.stepUpMaxAgeSeconds ?? STEP_UP_MAX_AGE_SECONDS;
      if (requester.kind === "owner" && RISKY_KINDS.includes(kind) && now.getTime() / 1000 - requester.authTime > maxAge) {
        throw new AppError("STEP_UP_REQUIRED", "Sign in again to confirm it is you.", { maxAgeSeconds: maxAge });
      }
      // Android sets a temporary passcode the server chooses; iOS and iPadOS clear theirs instead.
      const temporary = kind === "reset_passcode" && device.platform === "android";
      const secretCiphertext = temporary ? sealSecret(String(randomInt(0, 1_000_000)).padStart(6, "0"), opts.passcodeKey) : null;
      return queueCommand(
        tx,
        {
          device,
          kind,
          payload: kind === "reset_passcode" ? { mode: temporary ? "temporary" : "clear" } : payload,
          origin: requester.kind === "owner" ? "self_service" : "help_desk",
          requestedById: requester.userId,
          reason,
          secretCiphertext,
          actor: actorOf(requester),
          now,
        },
        meta,
      );
    });
  } catch (error) {
    // Two requests that both passed the check (the index is the last word) meet here.
    if (isUniqueViolation(error, ONE_ACTIVE_DESTRUCTIVE_INDEX)) throw destructiveConflict();
    throw error;
  }
}

const destructiveConflict = () =>
  new AppError("CONFLICT", "A wipe or removal is already on its way to this device.", { reason: "destructive_pending" });

/**
 * Cancels a pending or sent command. Owners cancel what they asked for themselves; what IT or a
 * policy queued is stopped by IT. Cancel needs neither fresh terms nor a step-up: it only undoes.
 */
export async function cancelCommand(db: Db, requester: Requester, commandId: string, meta: RequestMeta, opts: { now?: Date } = {}): Promise<CommandView> {
  const now = opts.now ?? new Date();
  const reason = staffReason(requester);
  await assertActiveUser(db, requester.userId);
  const notFound = () => new AppError("NOT_FOUND", "This action does not exist.");
  const [ref] = isUuid(commandId)
    ? await db.select({ deviceId: deviceCommands.deviceId }).from(deviceCommands).where(eq(deviceCommands.id, commandId))
    : [];
  if (!ref) throw notFound();
  return db.transaction(async (tx) => {
    // Device first, then command: the same lock order as requests and results.
    const device = await findDevice(tx, requester, ref.deviceId, true).catch((error: unknown) => {
      throw isAppError(error) ? notFound() : error;
    });
    const [command] = await tx.select().from(deviceCommands).where(eq(deviceCommands.id, commandId)).for("update");
    if (!command) throw notFound();
    if (requester.kind === "owner" && (command.origin !== "self_service" || command.requestedById !== requester.userId)) {
      throw new AppError("FORBIDDEN", "IT requested this action; contact the help desk to stop it.");
    }
    if (command.status !== "pending" && command.status !== "sent") {
      throw new AppError("CONFLICT", `This action has already ended (${command.status}).`, { reason: "finished", status: command.status });
    }
    if (command.kind === "wipe" && command.status === "sent") {
      throw new AppError("CONFLICT", "The wipe has already been sent to the device and cannot be stopped.", { reason: "too_late" });
    }
    const [canceled] = await tx
      .update(deviceCommands)
      .set({ status: "canceled", finishedAt: now })
      .where(eq(deviceCommands.id, command.id))
      .returning(commandColumns);
    await restoreAfterDestructive(tx, device.id, command.kind, now);
    await recordAudit(tx, {
      actor: actorOf(requester),
      action: "device.command_canceled",
      target: { type: "device", id: device.id },
      subjectUserId: device.ownerId,
      details: { commandId: command.id, kind: command.kind, previousStatus: command.status, reason },
      ...meta,
    });
    await signalDevice(tx, device.id);
    return canceled!;
  });
}

/** A device's commands, newest first, without secrets. */
export async function listCommands(db: Db, requester: Requester, deviceId: string): Promise<CommandView[]> {
  await findDevice(db, requester, deviceId);
  return db
    .select(commandColumns)
    .from(deviceCommands)
    .where(eq(deviceCommands.deviceId, deviceId))
    .orderBy(desc(deviceCommands.createdAt), desc(deviceCommands.id))
    .limit(200);
}
