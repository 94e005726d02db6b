/** Human words for stored states, shared by every screen. */
export const platformLabels: Record<string, string> = {
  ios: "iOS",
  ipados: "iPadOS",
  android: "Android",
  windows: "Windows",
  macos: "macOS",
  linux: "Linux",
};

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
