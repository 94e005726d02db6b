import { and, eq } from "drizzle-orm";
import { ticketEvents, tickets, users } from "@/db/schema";
import type { Db, Tx } from "@/db/types";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors";
import { grantsFor } from "../rbac/grants";
import { userScopeCondition } from "../rbac/scope";
import { notify } from "./notifications";
import { staffActor, type StaffCaller } from "./staff-caller";
import { assigneeCondition } from "./staff-ticket-assignees";
import { dueAtFor, type TicketPriority, type TicketStatus } from "./support-requests";

/**
 * The help desk side of tickets (F17), changing: assign, reply, internal note, status, priority.
 * Each change is one transaction: the ticket row (locked), a ticket event, updatedAt and an
 * audit event, plus the requester's notification where they should hear about it.
 */

type Ticket = typeof tickets.$inferSelect;
type Options = { now?: Date };

/**
 * Which statuses a ticket may move to. DESIGN's chain (open -> in progress -> waiting on user ->
 * resolved -> closed) may be walked forward skipping steps (a quick fix goes straight to
 * resolved; spam is closed from open); going back is allowed only where work resumes: waiting on
 * user -> in progress (the user answered by phone) and reopening a resolved ticket (-> open or
 * in progress). Closed is final: the user opens a new request.
 */
export const STATUS_MOVES: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ["in_progress", "waiting_on_user", "resolved", "closed"],
  in_progress: ["waiting_on_user", "resolved", "closed"],
  waiting_on_user: ["in_progress", "resolved", "closed"],
  resolved: ["open", "in_progress", "closed"],
  closed: [],
};

const STATUS_LABEL: Record<TicketStatus, string> = {
  open: "open",
  in_progress: "in progress",
  waiting_on_user: "waiting on the user",
  resolved: "resolved",
  closed: "closed",
};

const NOTIFY_BODY_MAX = 140;
const excerpt = (text: string) => (text.length > NOTIFY_BODY_MAX ? `${text.slice(0, NOTIFY_BODY_MAX - 1)}…` : text);

/**
 * Locks a ticket the caller may change: its requester must be in scope of the grants carrying
 * the procedure's permission. A ticket the caller can read but not change answers FORBIDDEN (it
 * exists for them); one they cannot even read answers NOT_FOUND (DESIGN §5). Closed is final.
 */
async function lockTicket(tx: Tx, caller: StaffCaller, ticketId: string): Promise<Ticket> {
  const [ticket] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, ticketId), userScopeCondition(tx, caller.grants, tickets.requesterId)))
    .for("update");
  if (!ticket) {
    const readable = grantsFor(caller.allGrants, "tickets.read");
    const [seen] = await tx
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.id, ticketId), userScopeCondition(tx, readable, tickets.requesterId)));
    if (seen) throw new AppError("FORBIDDEN", "You can read this ticket but not change it: its requester is outside the scope of that permission.");
    throw new AppError("NOT_FOUND", "No such ticket.");
  }
  if (ticket.status === "closed") {
    throw new AppError("CONFLICT", `Ticket #${ticket.number} is closed, and closed tickets are final. The user can open a new request.`);
  }
  return ticket;
}

/** One change in one transaction: lock, apply, then the ticket's updatedAt and the audit event. */
async function change<T>(
  db: Db,
  caller: StaffCaller,
  ticketId: string,
  now: Date,
  apply: (tx: Tx, ticket: Ticket) => Promise<{ action: string; details: Record<string, unknown>; set?: Partial<Ticket>; result: T } | null>,
): Promise<T | { ticketId: string; changed: false }> {
  return db.transaction(async (tx) => {
    const ticket = await lockTicket(tx, caller, ticketId);
    const outcome = await apply(tx, ticket);
    // Setting what is already there (a double click) changes nothing and records nothing.
    if (!outcome) return { ticketId, changed: false as const };
    await tx.update(tickets).set({ ...outcome.set, updatedAt: now }).where(eq(tickets.id, ticket.id));
    await recordAudit(tx, {
      actor: staffActor(caller),
      action: outcome.action,
      target: { type: "ticket", id: ticket.id },
      subjectUserId: ticket.requesterId,
      details: { number: ticket.number, ...outcome.details },
      ...caller.meta,
    });
    return outcome.result;
  });
}

const event = (tx: Tx, caller: StaffCaller, ticket: Ticket, now: Date, values: Pick<typeof ticketEvents.$inferInsert, "kind" | "body" | "data">) =>
  tx.insert(ticketEvents).values({ ticketId: ticket.id, authorId: caller.userId, createdAt: now, ...values });

/**
 * Assigns (or unassigns, with null) a ticket. The assignee must be an active user who can work
 * it: an assignment granting tickets.update whose scope reaches the requester. Status is kept.
 */
export async function assignTicket(db: Db, caller: StaffCaller, ticketId: string, assigneeId: string | null, opts: Options = {}) {
  const now = opts.now ?? new Date();
  return change(db, caller, ticketId, now, async (tx, ticket) => {
    if (ticket.assigneeId === assigneeId) return null;
    if (assigneeId) {
      const [eligible] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, assigneeId), assigneeCondition(tx, ticket.requesterId)));
      // The same answer for an unknown id and an ineligible person: nothing about accounts leaks.
      if (!eligible) throw new AppError("BAD_REQUEST", "Choose a staff member who can work this ticket (tickets.update over its requester).");
    }
    await event(tx, caller, ticket, now, { kind: "assignment", data: { from: ticket.assigneeId, to: assigneeId } });
    return {
      action: "ticket.assigned",
      details: { from: ticket.assigneeId, to: assigneeId },
      set: { assigneeId },
      result: { ticketId, changed: true as const, assigneeId },
    };
  });
}

/**
 * A reply the requester sees in the portal, and is notified of. Replying to an open ticket means
 * someone is on it: it moves to in progress (recorded as a status change); any other status is
 * kept, so waiting on user stays until the user answers.
 */
export async function replyToTicket(db: Db, caller: StaffCaller, ticketId: string, body: string, opts: Options = {}) {
  const now = opts.now ?? new Date();
  return change(db, caller, ticketId, now, async (tx, ticket) => {
    const status: TicketStatus = ticket.status === "open" ? "in_progress" : ticket.status;
    await event(tx, caller, ticket, now, { kind: "comment", body });
    if (status !== ticket.status) await event(tx, caller, ticket, now, { kind: "status_change", data: { from: ticket.status, to: status } });
    await notify(tx, ticket.requesterId, {
      kind: "ticket_reply",
      title: `IT replied to your request #${ticket.number}`,
      body: excerpt(body),
      link: `/help/${ticket.id}`,
      data: { ticketId: ticket.id, number: ticket.number },
    });
    // The body stays in the ticket thread; the audit trail says who replied when, not what.
    return {
      action: "ticket.replied",
      details: { by: "staff", length: body.length, statusFrom: ticket.status, statusTo: status },
      set: { status },
      result: { ticketId, changed: true as const, status },
    };
  });
}

/** An internal note: for the help desk only, never shown to the requester nor notified. */
export async function addInternalNote(db: Db, caller: StaffCaller, ticketId: string, body: string, opts: Options = {}) {
  const now = opts.now ?? new Date();
  return change(db, caller, ticketId, now, async (tx, ticket) => {
    await event(tx, caller, ticket, now, { kind: "internal_note", body });
    return { action: "ticket.note_added", details: { length: body.length }, result: { ticketId, changed: true as const } };
  });
}

/**
 * Moves a ticket along STATUS_MOVES. Resolving stamps resolvedAt and tells the requester;
 * reopening clears it and gives a fresh due time by priority (the ticket was off the clock),
 * as a reply from the user does on the portal side.
 */
export async function setTicketStatus(db: Db, caller: StaffCaller, ticketId: string, to: TicketStatus, opts: Options = {}) {
  const now = opts.now ?? new Date();
  return change(db, caller, ticketId, now, async (tx, ticket) => {
    if (ticket.status === to) return null;
    if (!STATUS_MOVES[ticket.status].includes(to)) {
      throw new AppError("CONFLICT", `Ticket #${ticket.number} is ${STATUS_LABEL[ticket.status]}; it cannot be moved to ${STATUS_LABEL[to]}.`);
    }
    const set: Partial<Ticket> = { status: to };
    if (to === "resolved") set.resolvedAt = now;
    if (ticket.status === "resolved" && to !== "closed") {
      set.resolvedAt = null;
      set.dueAt = dueAtFor(ticket.priority, now);
    }
    await event(tx, caller, ticket, now, { kind: "status_change", data: { from: ticket.status, to } });
    if (to === "resolved") {
      // Resolution uses the ticket_reply kind: it is news on the same conversation.
      await notify(tx, ticket.requesterId, {
        kind: "ticket_reply",
        title: `Your request #${ticket.number} was resolved`,
        body: excerpt(`IT marked "${ticket.subject}" as resolved. If the problem is back, reply to reopen it.`),
        link: `/help/${ticket.id}`,
        data: { ticketId: ticket.id, number: ticket.number, status: to },
      });
    }
    return { action: "ticket.status_changed", details: { from: ticket.status, to, by: "staff" }, set, result: { ticketId, changed: true as const, status: to } };
  });
}

/** Changes priority; the due time follows it, counted from when the ticket was opened. */
export async function setTicketPriority(db: Db, caller: StaffCaller, ticketId: string, priority: TicketPriority, opts: Options = {}) {
  const now = opts.now ?? new Date();
  return change(db, caller, ticketId, now, async (tx, ticket) => {
    if (ticket.priority === priority) return null;
    const dueAt = dueAtFor(priority, ticket.createdAt);
    await event(tx, caller, ticket, now, { kind: "priority_change", data: { from: ticket.priority, to: priority, dueAt: dueAt.toISOString() } });
    return {
      action: "ticket.priority_changed",
      details: { from: ticket.priority, to: priority, dueAt: dueAt.toISOString() },
      set: { priority, dueAt },
      result: { ticketId, changed: true as const, priority, dueAt },
    };
  });
}
