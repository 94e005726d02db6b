import { activeStatuses, ticketPriorities, ticketStatuses, type TicketPriority, type TicketStatus } from "./ticket-labels";

/**
 * The queue's filters live in the URL (linkable, Back works). Anything unrecognised falls back to
 * the default rather than failing: a stale bookmark still opens the queue.
 */
export type QueueParams = {
  status: "active" | "all" | TicketStatus;
  priority: "" | TicketPriority;
  assignee: "" | "me" | "unassigned";
  sort: "due" | "updated";
  cursor: string | null;
};

type Raw = Record<string, string | string[] | undefined>;
const one = (raw: Raw, key: string) => {
  const value = raw[key];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
};
const pick = <T extends string>(value: string, allowed: readonly T[], fallback: T): T => ((allowed as readonly string[]).includes(value) ? (value as T) : fallback);

export function parseQueueParams(raw: Raw): QueueParams {
  const cursor = one(raw, "cursor");
  return {
    status: pick(one(raw, "status"), ["active", "all", ...ticketStatuses] as const, "active"),
    priority: pick(one(raw, "priority"), ["", ...ticketPriorities] as const, ""),
    assignee: pick(one(raw, "assignee"), ["", "me", "unassigned"] as const, ""),
    sort: pick(one(raw, "sort"), ["due", "updated"] as const, "due"),
    cursor: cursor && cursor.length <= 500 ? cursor : null,
  };
}

/** The staff.tickets.queue input for these filters. */
export function queueInput(params: QueueParams) {
  return {
    status: params.status === "all" ? undefined : params.status === "active" ? activeStatuses : [params.status],
    priority: params.priority ? [params.priority] : undefined,
    assignee: params.assignee || undefined,
    sort: params.sort,
    cursor: params.cursor ?? undefined,
    limit: 50,
  };
}

/** A queue URL with these filters (defaults left out, so links stay short). */
export function queueHref(params: QueueParams, cursor: string | null = null): string {
  const search = new URLSearchParams();
  if (params.status !== "active") search.set("status", params.status);
  if (params.priority) search.set("priority", params.priority);
  if (params.assignee) search.set("assignee", params.assignee);
  if (params.sort !== "due") search.set("sort", params.sort);
  if (cursor) search.set("cursor", cursor);
  const query = search.toString();
  return query ? `/helpdesk/tickets?${query}` : "/helpdesk/tickets";
}
