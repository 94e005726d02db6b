import type { PillTone } from "@/app/_components/ui/status-pill";

/** The help desk's words for ticket states (the portal words them for the requester instead). */

export type TicketStatus = "open" | "in_progress" | "waiting_on_user" | "resolved" | "closed";
export type TicketPriority = "low" | "normal" | "high" | "urgent";

export const ticketStatuses: TicketStatus[] = ["open", "in_progress", "waiting_on_user", "resolved", "closed"];
export const ticketPriorities: TicketPriority[] = ["urgent", "high", "normal", "low"];
/** The queue's default: everything someone still has to act on. */
export const activeStatuses: TicketStatus[] = ["open", "in_progress", "waiting_on_user"];

export const statusLabels: Record<TicketStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  waiting_on_user: "Waiting on user",
  resolved: "Resolved",
  closed: "Closed",
};

export const statusTone: Record<TicketStatus, PillTone> = {
  open: "warn",
  in_progress: "neutral",
  waiting_on_user: "neutral",
  resolved: "good",
  closed: "neutral",
};

export const priorityLabels: Record<TicketPriority, string> = { urgent: "Urgent", high: "High", normal: "Normal", low: "Low" };

export const priorityTone: Record<TicketPriority, PillTone> = { urgent: "bad", high: "warn", normal: "neutral", low: "neutral" };

export const sourceLabels: Record<string, string> = { portal: "Portal", not_you_report: "\"Not you?\" report", staff: "Help desk" };

const isStatus = (value: unknown): value is TicketStatus => typeof value === "string" && (ticketStatuses as string[]).includes(value);
const isPriority = (value: unknown): value is TicketPriority => typeof value === "string" && value in priorityLabels;
export const statusText = (value: unknown) => (isStatus(value) ? statusLabels[value] : "unknown");
export const priorityText = (value: unknown) => (isPriority(value) ? priorityLabels[value] : "unknown");

/** Overdue: past its due time while still waiting on the help desk or the user. */
export function isOverdue(ticket: { status: string; dueAt: Date | string | null }, now: number): boolean {
  return Boolean(ticket.dueAt) && !["resolved", "closed"].includes(ticket.status) && new Date(ticket.dueAt!).getTime() < now;
}

/** An absolute time for staff who plan their day: "Tue 14 May, 16:30 UTC". */
export function dateTimeText(date: Date | string): string {
  return new Date(date).toLocaleString("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });
}
