import type { PillTone } from "@/app/_components/ui/status-pill";
import type { TicketStatus } from "@/server/services/support-requests";

/** How a request's state reads to the person who asked (not the help desk's wording). */
export const requestStatusLabels: Record<TicketStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  waiting_on_user: "Waiting for you",
  resolved: "Resolved",
  closed: "Closed",
};

export const requestStatusTone: Record<TicketStatus, PillTone> = {
  open: "neutral",
  in_progress: "neutral",
  waiting_on_user: "warn",
  resolved: "good",
  closed: "neutral",
};

/** The system line shown in the conversation when the state changes. */
export function statusChangeText(from: TicketStatus | null, to: TicketStatus): string {
  if (to === "open") return from === "resolved" || from === "closed" ? "Request reopened" : "Back with IT support";
  if (to === "in_progress") return "IT support is working on it";
  if (to === "waiting_on_user") return "IT support is waiting for your answer";
  if (to === "resolved") return "Marked as resolved";
  return "Request closed";
}
