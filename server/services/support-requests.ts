import { and, asc, desc, eq, inArray } from "drizzle-orm";
import * as z from "zod/mini";
import { devices, ticketEvents, tickets, ticketStatusEnum, type ticketPriorityEnum } from "@/db/schema";
import type { Db, Tx } from "@/db/types";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors";
import type { RequestMeta } from "../http/request-meta";
import { fieldErrorsOf, openRequestSchema, replySchema, ticketIdSchema, type OpenRequestInput, type ReplyInput } from "../support/schemas";

/** The employee side of tickets (DESIGN F9): open, follow, reply, close. Staff work lives elsewhere. */

export type TicketStatus = (typeof ticketStatusEnum.enumValues)[number];
export type TicketPriority = (typeof ticketPriorityEnum.enumValues)[number];

const HOUR = 3_600_000;
/** Time to a first answer per priority; "high" is one business day, counted as 24 hours for now. */
export const DUE_IN_MS: Record<TicketPriority, number> = { urgent: 4 * HOUR, high: 24 * HOUR, normal: 72 * HOUR, low: 120 * HOUR };
export const dueAtFor = (priority: TicketPriority, from: Date) => new Date(from.getTime() + DUE_IN_MS[priority]);

const NOT_FOUND = "This request does not exist, or it is not yours.";
// The requester sees the conversation and where it stands, never the help desk's internal notes.
const VISIBLE_KINDS = ["comment", "status_change"] as const;

function parse<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  throw new AppError("BAD_REQUEST", result.error.issues[0]?.message ?? "Check the form.", { fieldErrors: fieldErrorsOf(result.error) });
}

const actor = (userId: string) => ({ kind: "user" as const, id: userId });

export async function openSupportRequest(db: Db, userId: string, input: OpenRequestInput, meta: RequestMeta, opts: { now?: Date } = {}) {
  const { subject, body, deviceId } = parse(openRequestSchema, input);
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    if (deviceId) {
      const [device] = await tx.select({ id: devices.id }).from(devices).where(and(eq(devices.id, deviceId), eq(devices.ownerId, userId)));
      if (!device) throw new AppError("NOT_FOUND", "This device does not exist.", { fieldErrors: { deviceId: "Choose one of your devices." } });
    }
    const priority: TicketPriority = "normal";
    const [ticket] = await tx
      .insert(tickets)
      .values({ requesterId: userId, deviceId, subject, status: "open", priority, source: "portal", dueAt: dueAtFor(priority, now), createdAt: now, updatedAt: now })
      .returning({ id: tickets.id, number: tickets.number });
    await tx.insert(ticketEvents).values({ ticketId: ticket!.id, authorId: userId, kind: "comment", body, createdAt: now });
    await recordAudit(tx, {
      actor: actor(userId),
      action: "ticket.created",
      target: { type: "ticket", id: ticket!.id },
      subjectUserId: userId,
      details: { number: ticket!.number, source: "portal", priority, deviceId },
      ...meta,
    });
    return { ticketId: ticket!.id, number: ticket!.number };
  });
}

/** The user's requests, most recently active first. */
export async function listMyRequests(db: Db, userId: string) {
  return db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      source: tickets.source,
      deviceId: tickets.deviceId,
      deviceName: devices.displayName,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
    })
    .from(tickets)
    .leftJoin(devices, eq(devices.id, tickets.deviceId))
    .where(eq(tickets.requesterId, userId))
    .orderBy(desc(tickets.updatedAt))
    .limit(100);
}

export type RequestEvent =
  | { id: string; kind: "comment"; by: "you" | "support"; body: string; createdAt: Date }
  | { id: string; kind: "status_change"; from: TicketStatus | null; to: TicketStatus; createdAt: Date };

const asStatus = (value: unknown): TicketStatus | null => (typeof value === "string" && (ticketStatusEnum.enumValues as readonly string[]).includes(value) ? (value as TicketStatus) : null);

/** One of the user's requests with its visible conversation; others' tickets are NOT_FOUND, not FORBIDDEN. */
export async function getMyRequest(db: Db, userId: string, ticketId: string) {
  if (!ticketIdSchema.safeParse({ ticketId }).success) throw new AppError("NOT_FOUND", NOT_FOUND);
  const [ticket] = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      requesterId: tickets.requesterId,
      deviceId: tickets.deviceId,
      deviceName: devices.displayName,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
    })
    .from(tickets)
    .leftJoin(devices, eq(devices.id, tickets.deviceId))
    .where(and(eq(tickets.id, ticketId), eq(tickets.requesterId, userId)));
  if (!ticket) throw new AppError("NOT_FOUND", NOT_FOUND);
  const rows = await db
    .select({ id: ticketEvents.id, kind: ticketEvents.kind, authorId: ticketEvents.authorId, body: ticketEvents.body, data: ticketEvents.data, createdAt: ticketEvents.createdAt })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), inArray(ticketEvents.kind, [...VISIBLE_KINDS])))
    // A reply and the status change it causes share a timestamp: the enum order puts the comment first.
    .orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.kind));
  const events: RequestEvent[] = [];
  for (const row of rows) {
    if (row.kind === "comment") {
      // Staff names stay out of the portal: every help desk reply reads "IT support".
      events.push({ id: row.id, kind: "comment", by: row.authorId === ticket.requesterId ? "you" : "support", body: row.body ?? "", createdAt: row.createdAt });
    } else {
      const to = asStatus(row.data.to);
      if (to) events.push({ id: row.id, kind: "status_change", from: asStatus(row.data.from), to, createdAt: row.createdAt });
    }
  }
  const { requesterId: _requester, ...view } = ticket;
  return { ...view, events };
}

async function lockMine(tx: Tx, userId: string, ticketId: string) {
  if (!ticketIdSchema.safeParse({ ticketId }).success) throw new AppError("NOT_FOUND", NOT_FOUND);
  const [ticket] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, ticketId), eq(tickets.requesterId, userId)))
    .for("update");
  if (!ticket) throw new AppError("NOT_FOUND", NOT_FOUND);
  return ticket;
}

async function changeStatus(tx: Tx, userId: string, ticket: { id: string; number: number; status: TicketStatus }, to: TicketStatus, now: Date, meta: RequestMeta) {
  await tx.insert(ticketEvents).values({ ticketId: ticket.id, authorId: userId, kind: "status_change", data: { from: ticket.status, to }, createdAt: now });
  await recordAudit(tx, {
    actor: actor(userId),
    action: "ticket.status_changed",
    target: { type: "ticket", id: ticket.id },
    subjectUserId: userId,
    details: { number: ticket.number, from: ticket.status, to, by: "requester" },
    ...meta,
  });
}

/**
 * The requester answers. Waiting on them means the ball is back with IT (open); a resolved request
 * reopens, since the problem is evidently back. Closed is final: a new request starts a fresh queue entry.
 */
export async function replyToMyRequest(db: Db, userId: string, input: ReplyInput, meta: RequestMeta, opts: { now?: Date } = {}) {
  const { ticketId, body } = parse(replySchema, input);
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const ticket = await lockMine(tx, userId, ticketId);
    if (ticket.status === "closed") throw new AppError("CONFLICT", "This request is closed; open a new one.");
    await tx.insert(ticketEvents).values({ ticketId, authorId: userId, kind: "comment", body, createdAt: now });
    const reopens = ticket.status === "waiting_on_user" || ticket.status === "resolved";
    const status: TicketStatus = reopens ? "open" : ticket.status;
    // A reopened request was off the queue's clock: give it a fresh due time by its priority.
    const dueAt = ticket.status === "resolved" || !ticket.dueAt ? dueAtFor(ticket.priority, now) : ticket.dueAt;
    await tx.update(tickets).set({ status, updatedAt: now, dueAt, resolvedAt: reopens ? null : ticket.resolvedAt }).where(eq(tickets.id, ticketId));
    if (reopens) await changeStatus(tx, userId, ticket, "open", now, meta);
    await recordAudit(tx, {
      actor: actor(userId),
      action: "ticket.replied",
      target: { type: "ticket", id: ticketId },
      subjectUserId: userId,
      details: { number: ticket.number, by: "requester", statusFrom: ticket.status, statusTo: status },
      ...meta,
    });
    return { ticketId, status };
  });
}

/** The requester no longer needs help. Closing twice is a no-op, so a double tap does no harm. */
export async function closeMyRequest(db: Db, userId: string, ticketId: string, meta: RequestMeta, opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const ticket = await lockMine(tx, userId, ticketId);
    if (ticket.status === "closed") return { ticketId, status: ticket.status };
    await tx.update(tickets).set({ status: "closed", updatedAt: now }).where(eq(tickets.id, ticketId));
    await changeStatus(tx, userId, ticket, "closed", now, meta);
    return { ticketId, status: "closed" as const };
  });
}
