import { and, eq, notInArray } from "drizzle-orm";
import { ticketEvents, tickets } from "@/db/schema";
import type { Db } from "@/db/types";
import { recordAudit } from "../audit/record";
import { capabilityFor } from "../devices/capabilities";
import type { RequestMeta } from "../http/request-meta";
import { activeCommandsOf, assertActiveUser, findDevice, queueCommand } from "./commands";

export const NOT_ME_LOCK_MESSAGE = "This device was reported as not enrolled by its owner.";
/** An unrecognized enrollment may be an account takeover: help desk has 4 hours to look. */
const NOT_ME_DUE_MS = 4 * 60 * 60 * 1000;

export type NotMeReport = { ticketId: string; ticketNumber: number; commandId: string | null; alreadyReported: boolean };

/**
 * The owner says a device enrolled in their name is not theirs. In one transaction: lock it (a
 * policy action, without the step-up a self-service lock would need: whoever enrolled it may hold
 * the session, and locking only protects), open an urgent ticket, audit, and signal the device.
 * While that ticket is open, reporting again returns it instead of opening another.
 */
export async function reportNotMe(
  db: Db,
  ownerUserId: string,
  deviceId: string,
  meta: RequestMeta,
  opts: { now?: Date } = {},
): Promise<NotMeReport> {
  const now = opts.now ?? new Date();
  await assertActiveUser(db, ownerUserId);
  const owner = { kind: "owner" as const, userId: ownerUserId };
  return db.transaction(async (tx) => {
    // The row lock makes two simultaneous reports see each other's ticket.
    const device = await findDevice(tx, owner, deviceId, true);
    const [open] = await tx
      .select({ id: tickets.id, number: tickets.number })
      .from(tickets)
      .where(and(eq(tickets.deviceId, device.id), eq(tickets.source, "not_you_report"), notInArray(tickets.status, ["resolved", "closed"])))
      .limit(1);
    if (open) return { ticketId: open.id, ticketNumber: open.number, commandId: null, alreadyReported: true };

    // A device that cannot be locked (Linux, already locked, being removed) still gets its ticket.
    const lock = capabilityFor(device, await activeCommandsOf(tx, device.id), "lock");
    const command = lock.allowed
      ? await queueCommand(
          tx,
          {
            device,
            kind: "lock",
            payload: { message: NOT_ME_LOCK_MESSAGE },
            origin: "policy",
            requestedById: ownerUserId,
            reason: "Reported by the owner as not enrolled by them.",
            actor: { kind: "user", id: ownerUserId },
            now,
          },
          meta,
        )
      : null;
    const [ticket] = await tx
      .insert(tickets)
      .values({
        requesterId: ownerUserId,
        deviceId: device.id,
        subject: `Unrecognized device enrolled: ${device.displayName}`,
        status: "open",
        priority: "urgent",
        source: "not_you_report",
        dueAt: new Date(now.getTime() + NOT_ME_DUE_MS),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: tickets.id, number: tickets.number });
    const facts = [device.platform, device.osVersion, device.model, device.serial && `serial ${device.serial}`].filter(Boolean).join(", ");
    await tx.insert(ticketEvents).values({
      ticketId: ticket!.id,
      authorId: ownerUserId,
      kind: "comment",
      body:
        `I did not enroll this device (${facts}; enrolled ${device.enrolledAt.toISOString()}). ` +
        (command ? "A lock was sent to it." : `It could not be locked: ${lock.allowed ? "" : lock.reason}`),
      createdAt: now,
    });
    await recordAudit(tx, {
      actor: { kind: "user", id: ownerUserId },
      action: "device.reported_not_me",
      target: { type: "device", id: device.id },
      subjectUserId: ownerUserId,
      details: { ticketId: ticket!.id, ticketNumber: ticket!.number, commandId: command?.id ?? null },
      ...meta,
    });
    await recordAudit(tx, {
      actor: { kind: "user", id: ownerUserId },
      action: "ticket.created",
      target: { type: "ticket", id: ticket!.id },
      subjectUserId: ownerUserId,
      details: { number: ticket!.number, source: "not_you_report", priority: "urgent", deviceId: device.id },
      ...meta,
    });
    return { ticketId: ticket!.id, ticketNumber: ticket!.number, commandId: command?.id ?? null, alreadyReported: false };
  });
}
