/** Human words for stored states, shared by every screen. */
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
