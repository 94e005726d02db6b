/** Human words for stored states, shared by every screen. */
import type { PillTone } from "./ui/status-pill";

export { platformLabels } from "@/server/devices/platform-labels";

export const complianceLabels: Record<string, string> = {
  unknown: "Checking compliance",
  compliant: "Compliant",
  in_grace: "Out of compliance",
  noncompliant: "Not compliant",
};

export const managementLabels: Record<string, string> = {
  enrolled: "Managed",
  lost_mode: "Lost mode",
  retire_pending: "Being removed",
  retired: "Removed",
  wipe_pending: "Wipe pending",
  wiped: "Wiped",
};

/** A command's state, the same words for employees and the help desk. */
export const commandStatusLabels: Record<"pending" | "sent" | "completed" | "failed" | "canceled" | "expired", string> = {
  pending: "Pending",
  sent: "Sent",
  completed: "Done",
  failed: "Failed",
  canceled: "Canceled",
  expired: "Expired",
};

export const ownershipLabels: Record<string, string> = { personal: "Personal", corporate: "Corporate" };

export const managementTone: Record<string, PillTone> = {
  enrolled: "good",
  lost_mode: "warn",
  retire_pending: "warn",
  wipe_pending: "bad",
  retired: "neutral",
  wiped: "neutral",
};
