/** Words for commands and their states on the device screens and the lost-device flow. */

export type CommandKind = "sync" | "rename" | "lock" | "lost_mode_off" | "reset_passcode" | "retire" | "wipe";
export type CommandStatus = "pending" | "sent" | "completed" | "failed" | "canceled" | "expired";

export const commandLabels: Record<CommandKind, string> = {
  sync: "Sync",
  rename: "Rename",
  lock: "Lock",
  lost_mode_off: "Lost mode off",
  reset_passcode: "Passcode reset",
  retire: "Removal",
  wipe: "Wipe",
};

export { commandStatusLabels as statusLabels } from "../../../_components/labels";

/** What each state means for the person waiting on it. */
export const statusHints: Record<CommandStatus, string> = {
  pending: "Waiting for the device to come online.",
  sent: "The device received it and is carrying it out.",
  completed: "The device confirmed it.",
  failed: "The device could not do it.",
  canceled: "Called off before the device carried it out.",
  expired: "The device did not come online in time.",
};

export const isActive = (status: string) => status === "pending" || status === "sent";
