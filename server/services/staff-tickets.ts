import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { deviceCommands, devices, ticketEvents, tickets, users } from "@/db/schema";
import type { Db } from "@/db/types";
import { AppError } from "../errors";
import { grantsFor } from "../rbac/grants";
import { deviceScopeCondition, userScopeCondition } from "../rbac/scope";
import type { StaffCaller } from "./staff-caller";
import type { TicketPriority, TicketStatus } from "./support-requests";

/** The help desk side of tickets (F17), reading: the queue and one ticket with its context. */

export type QueueInput = {
  status?: TicketStatus[];
  priority?: TicketPriority[];
  assignee?: "me" | "unassigned" | string;
  mine?: boolean;
  sort?: "due" | "updated";
  cursor?: string;
  limit?: number;
};

export const QUEUE_MAX = 100;
const requester = alias(users, "requester");
const assignee = alias(users, "assignee");

/** What the queue and the ticket page both show of a ticket itself. */
const ticketColumns = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  status: tickets.status,
  priority: tickets.priority,
  source: tickets.source,
  dueAt: tickets.dueAt,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  resolvedAt: tickets.resolvedAt,
};

// Keyset cursor: the sort key as Postgres prints it (exact to the microsecond, which a JS Date is
// not) plus the ticket number as a tie-breaker. Opaque to clients.
type Cursor = { key: string | null; number: number };
const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify([cursor.key, cursor.number])).toString("base64url");
function decodeCursor(raw: string): Cursor {
  try {
    const [key, number] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    if ((key === null || typeof key === "string") && Number.isInteger(number)) return { key, number: number as number };
  } catch {
    // Falls through to the same answer as a well-formed but wrong cursor.
  }
  throw new AppError("BAD_REQUEST", "This page link is no longer valid; reload the queue.");
}

function after(sort: "due" | "updated", cursor: Cursor): SQL {
  if (sort === "updated") {
    const at = sql`${cursor.key}::timestamptz`;
    return or(lt(tickets.updatedAt, at), and(eq(tickets.updatedAt, at), lt(tickets.number, cursor.number)))!;
  }
  // Due order puts tickets without a due time last.
  if (cursor.key === null) return and(isNull(tickets.dueAt), gt(tickets.number, cursor.number))!;
  const at = sql`${cursor.key}::timestamptz`;
  return or(isNull(tickets.dueAt), gt(tickets.dueAt, at), and(eq(tickets.dueAt, at), gt(tickets.number, cursor.number)))!;
}

/**
 * The queue: tickets whose requester is in the caller's tickets.read scope (in the SQL), filtered,
 * sorted by due time (nulls last) or by last activity, one bounded query with the names joined in.
 */
export async function ticketQueue(db: Db, caller: StaffCaller, input: QueueInput) {
  const sort = input.sort ?? "due";
  const limit = Math.min(Math.max(input.limit ?? 50, 1), QUEUE_MAX);
  const filters: (SQL | undefined)[] = [userScopeCondition(db, caller.grants, tickets.requesterId)];
  if (input.status?.length) filters.push(inArray(tickets.status, input.status));
  if (input.priority?.length) filters.push(inArray(tickets.priority, input.priority));
  if (input.mine || input.assignee === "me") filters.push(eq(tickets.assigneeId, caller.userId));
  else if (input.assignee === "unassigned") filters.push(isNull(tickets.assigneeId));
  else if (input.assignee) filters.push(eq(tickets.assigneeId, input.assignee));
  if (input.cursor) filters.push(after(sort, decodeCursor(input.cursor)));

  const sortKey = sort === "due" ? tickets.dueAt : tickets.updatedAt;
  const rows = await db
    .select({
      ...ticketColumns,
      requesterId: tickets.requesterId,
      requesterName: requester.name,
      requesterEmail: requester.email,
      deviceId: tickets.deviceId,
      deviceName: devices.displayName,
      assigneeId: tickets.assigneeId,
      assigneeName: assignee.name,
      sortKey: sql<string | null>`${sortKey}::text`,
    })
    .from(tickets)
    .innerJoin(requester, eq(requester.id, tickets.requesterId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .leftJoin(devices, eq(devices.id, tickets.deviceId))
    .where(and(...filters))
    .orderBy(...(sort === "due" ? [sql`${tickets.dueAt} asc nulls last`, asc(tickets.number)] : [desc(tickets.updatedAt), desc(tickets.number)]))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ sortKey: _key, ...item }) => item),
    nextCursor: rows.length > limit && last ? encodeCursor({ key: last.sortKey, number: last.number }) : null,
  };
}

const RECENT_ACTIONS = 10;

/**
 * One ticket for the help desk: the whole thread including internal notes, and the requester's
 * context. Devices and recent actions are shown only within the caller's devices.read scope
 * (scope tags included), like everywhere else devices are read; without it those lists are empty
 * and `canReadDevices` is false.
 */
export async function staffTicket(db: Db, caller: StaffCaller, ticketId: string) {
  const [ticket] = await db
    .select({
      ...ticketColumns,
      deviceId: tickets.deviceId,
      deviceName: devices.displayName,
      assigneeId: tickets.assigneeId,
      assigneeName: assignee.name,
      requester: {
        id: requester.id,
        name: requester.name,
        email: requester.email,
        phone: requester.phone,
        department: requester.department,
        status: requester.status,
      },
    })
    .from(tickets)
    .innerJoin(requester, eq(requester.id, tickets.requesterId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .leftJoin(devices, eq(devices.id, tickets.deviceId))
    .where(and(eq(tickets.id, ticketId), userScopeCondition(db, caller.grants, tickets.requesterId)));
  if (!ticket) throw new AppError("NOT_FOUND", "No such ticket.");

  const deviceGrants = grantsFor(caller.allGrants, "devices.read");
  const visibleDevices = and(eq(devices.ownerId, ticket.requester.id), deviceScopeCondition(db, deviceGrants, devices.id, devices.ownerId));
  const [events, requesterDevices, recentActions] = await Promise.all([
    db
      .select({
        id: ticketEvents.id,
        kind: ticketEvents.kind,
        body: ticketEvents.body,
        data: ticketEvents.data,
        authorId: ticketEvents.authorId,
        authorName: users.name,
        createdAt: ticketEvents.createdAt,
      })
      .from(ticketEvents)
      .leftJoin(users, eq(users.id, ticketEvents.authorId))
      .where(eq(ticketEvents.ticketId, ticket.id))
      // A reply and the status change it causes share a timestamp: the enum order puts the comment first.
      .orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.kind)),
    db
      .select({
        id: devices.id,
        name: devices.displayName,
        platform: devices.platform,
        osVersion: devices.osVersion,
        ownership: devices.ownership,
        managementState: devices.managementState,
        complianceState: devices.complianceState,
        graceDeadline: devices.graceDeadline,
        lastCheckInAt: devices.lastCheckInAt,
      })
      .from(devices)
      .where(visibleDevices)
      .orderBy(asc(devices.displayName))
      .limit(50),
    db
      .select({
        id: deviceCommands.id,
        deviceId: deviceCommands.deviceId,
        deviceName: devices.displayName,
        kind: deviceCommands.kind,
        status: deviceCommands.status,
        origin: deviceCommands.origin,
        reason: deviceCommands.reason,
        error: deviceCommands.error,
        createdAt: deviceCommands.createdAt,
        finishedAt: deviceCommands.finishedAt,
      })
      .from(deviceCommands)
      .innerJoin(devices, eq(devices.id, deviceCommands.deviceId))
      .where(visibleDevices)
      .orderBy(desc(deviceCommands.createdAt))
      .limit(RECENT_ACTIONS),
  ]);
  // Assignment events keep ids; the thread shows names, read in one query for all of them.
  const assigned = [...new Set(events.filter((e) => e.kind === "assignment").flatMap((e) => [e.data.from, e.data.to]).filter((id): id is string => typeof id === "string"))];
  const names = new Map(
    assigned.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, assigned))).map((u) => [u.id, u.name]) : [],
  );
  const nameOf = (id: unknown) => (typeof id === "string" ? (names.get(id) ?? null) : null);
  return {
    ...ticket,
    events: events.map((event) => ({
      ...event,
      byRequester: event.authorId === ticket.requester.id,
      ...(event.kind === "assignment" ? { fromName: nameOf(event.data.from), toName: nameOf(event.data.to) } : {}),
    })),
    context: { canReadDevices: deviceGrants.length > 0, devices: requesterDevices, recentActions },
  };
}
