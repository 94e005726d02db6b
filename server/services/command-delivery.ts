import { and, asc, eq, gt, inArray, lte, or, sql } from "drizzle-orm";
import { deviceCommands, devices } from "@/db/schema";
import type { Db, Tx } from "@/db/types";
import { recordAudit } from "../audit/record";
import { openSecret } from "../crypto/secret-box";
import type { CommandKind, CommandStatus } from "../devices/capabilities";
import { AppError } from "../errors";
import type { RequestMeta } from "../http/request-meta";
import { ACTIVE_STATUSES, applyCompletion, isUuid, notifyResult, restoreAfterDestructive } from "./command-effects";

/** What the device receives at check-in: the stored payload, plus the temporary passcode for an Android reset. */
export type DeliveredCommand = { id: string; kind: CommandKind; payload: Record<string, unknown>; expiresAt: Date };

export const REDELIVER_AFTER_SECONDS = 120;

/** Device id -> owner id, so audit events land in the owner's trail. */
async function ownersOf(tx: Tx, deviceIds: string[]): Promise<Map<string, string>> {
  if (deviceIds.length === 0) return new Map();
  const rows = await tx.select({ id: devices.id, ownerId: devices.ownerId }).from(devices).where(inArray(devices.id, deviceIds));
  return new Map(rows.map((r) => [r.id, r.ownerId]));
}

/**
 * Hands the device its due commands, in the caller's (check-in) transaction: pending ones, and
 * sent ones not acknowledged within `redeliverAfterSeconds` (delivery is at least once; results
 * are idempotent by id). One atomic UPDATE claims them, so two concurrent check-ins of the same
 * device never both deliver a command within the window.
 */
export async function takeCommandsForDelivery(
  tx: Tx,
  deviceId: string,
  opts: { now?: Date; redeliverAfterSeconds?: number; passcodeKey: string },
): Promise<DeliveredCommand[]> {
  const now = opts.now ?? new Date();
  const redeliverBefore = new Date(now.getTime() - (opts.redeliverAfterSeconds ?? REDELIVER_AFTER_SECONDS) * 1000);
  const claimed = await tx
    .update(deviceCommands)
    .set({ status: "sent", sentAt: now, deliveryAttempts: sql`${deviceCommands.deliveryAttempts} + 1` })
    .where(
      and(
        eq(deviceCommands.deviceId, deviceId),
        gt(deviceCommands.expiresAt, now),
        or(eq(deviceCommands.status, "pending"), and(eq(deviceCommands.status, "sent"), lte(deviceCommands.sentAt, redeliverBefore))),
      ),
    )
    .returning();
  claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const owners = await ownersOf(tx, claimed.length > 0 ? [deviceId] : []);
  for (const command of claimed) {
    await recordAudit(tx, {
      actor: { kind: "device", id: deviceId },
      action: "device.command_sent",
      target: { type: "device", id: deviceId },
      subjectUserId: owners.get(deviceId),
      details: { commandId: command.id, kind: command.kind, attempt: command.deliveryAttempts },
    });
  }
  return claimed.map((c) => ({
    id: c.id,
    kind: c.kind,
    // The passcode exists in clear only here, on its way to the device, never in the stored payload.
    payload: c.secretCiphertext ? { ...c.payload, passcode: openSecret(c.secretCiphertext, opts.passcodeKey) } : c.payload,
    expiresAt: c.expiresAt,
  }));
}

export type CommandResultInput = { status: "completed" | "failed"; result?: Record<string, unknown>; error?: string };
/** duplicate: this result was already recorded; applied: this call changed the command and its effects. */
export type CommandResultOutcome = { duplicate: boolean; applied: boolean; status: CommandStatus };

/**
 * Records a device's result for one of its own commands and applies the effects. A repeat of the
 * recorded result is a no-op; a result for a command already canceled or expired is accepted but
 * changes nothing (the device cannot undo it, and the requester was told it was called off).
 */
export async function recordCommandResult(
  db: Db,
  device: { id: string },
  commandId: string,
  input: CommandResultInput,
  meta: RequestMeta,
  opts: { now?: Date } = {},
): Promise<CommandResultOutcome> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    // Device first, then command: the lock order of requests and cancels.
    const [owner] = await tx
      .select({ ownerId: devices.ownerId, displayName: devices.displayName })
      .from(devices)
      .where(eq(devices.id, device.id))
      .for("update");
    const [command] =
      owner && isUuid(commandId)
        ? await tx
            .select()
            .from(deviceCommands)
            .where(and(eq(deviceCommands.id, commandId), eq(deviceCommands.deviceId, device.id)))
            .for("update")
        : [];
    if (!owner || !command) throw new AppError("NOT_FOUND", "This device has no such command.");
    if (command.status === input.status) return { duplicate: true, applied: false, status: command.status };
    if (command.status === "completed" || command.status === "failed") {
      throw new AppError("CONFLICT", `This command already ended as ${command.status}.`, { status: command.status });
    }
    if (command.status === "canceled" || command.status === "expired") return { duplicate: false, applied: false, status: command.status };

    const error = input.status === "failed" ? (input.error ?? "The device reported a failure.").slice(0, 1000) : null;
    await tx
      .update(deviceCommands)
      .set({ status: input.status, result: input.result ?? null, error, finishedAt: now })
      .where(eq(deviceCommands.id, command.id));
    if (input.status === "completed") await applyCompletion(tx, command, now);
    else await restoreAfterDestructive(tx, device.id, command.kind, now);
    await notifyResult(
      tx,
      { userId: owner.ownerId, deviceName: owner.displayName },
      { ...command, hasTemporaryPasscode: command.secretCiphertext !== null },
      { status: input.status, error },
    );
    await recordAudit(tx, {
      actor: { kind: "device", id: device.id },
      action: input.status === "completed" ? "device.command_completed" : "device.command_failed",
      target: { type: "device", id: device.id },
      subjectUserId: owner.ownerId,
      details: { commandId: command.id, kind: command.kind, error },
      ...meta,
    });
    return { duplicate: false, applied: true, status: input.status };
  });
}

const EXPIRY_BATCH = 500;

/**
 * Moves pending and sent commands past their time to live to expired; a retire or wipe that
 * expires gives the device back its previous state. Safe with several instances running it at
 * once: each batch claims rows with FOR UPDATE SKIP LOCKED, so no command is expired (or audited)
 * twice. Returns how many commands expired.
 */
export async function expireCommands(db: Db, now: Date = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await db.transaction(async (tx) => {
      const due = tx
        .select({ id: deviceCommands.id })
        .from(deviceCommands)
        .where(and(inArray(deviceCommands.status, [...ACTIVE_STATUSES]), lte(deviceCommands.expiresAt, now)))
        .orderBy(asc(deviceCommands.expiresAt))
        .limit(EXPIRY_BATCH)
        .for("update", { skipLocked: true });
      const expired = await tx
        .update(deviceCommands)
        .set({ status: "expired", finishedAt: now })
        .where(and(inArray(deviceCommands.id, due), inArray(deviceCommands.status, [...ACTIVE_STATUSES])))
        .returning({ id: deviceCommands.id, deviceId: deviceCommands.deviceId, kind: deviceCommands.kind, status: deviceCommands.status });
      const owners = await ownersOf(tx, [...new Set(expired.map((c) => c.deviceId))]);
      for (const command of expired) {
        await restoreAfterDestructive(tx, command.deviceId, command.kind, now);
        await recordAudit(tx, {
          actor: { kind: "system", label: "scheduler" },
          action: "device.command_expired",
          target: { type: "device", id: command.deviceId },
          subjectUserId: owners.get(command.deviceId),
          details: { commandId: command.id, kind: command.kind },
        });
      }
      return expired.length;
    });
    total += count;
    if (count < EXPIRY_BATCH) return total;
  }
}
