/** Words for the help desk screens: staff-facing (the portal's labels speak to the owner). */
import type { PillTone } from "../../_components/ui/status-pill";

export type CommandKind = "sync" | "rename" | "lock" | "lost_mode_off" | "reset_passcode" | "retire" | "wipe";
export type CommandStatus = "pending" | "sent" | "completed" | "failed" | "canceled" | "expired";
/** A device action offered to staff: a command kind, or deleting the record (not a command). */
export type StaffActionKind = CommandKind | "delete";

type ActionDef = { kind: StaffActionKind; label: string; permission: string; note: string; confirm: boolean };

/**
 * Every staff action in the order shown, with the permission it needs (lost mode off undoes a
 * lock, so it needs devices.lock, as on the server) and whether it asks for the name typed.
 */
export const STAFF_ACTIONS: readonly ActionDef[] = [
  { kind: "sync", label: "Sync", permission: "devices.sync", note: "The device checks in now and reports its status.", confirm: false },
  { kind: "rename", label: "Rename", permission: "devices.rename", note: "Changes the name shown in Ward once the device confirms.", confirm: false },
  { kind: "lock", label: "Lock", permission: "devices.lock", note: "Locks the device in lost mode with a message and a phone number.", confirm: false },
  { kind: "lost_mode_off", label: "Lost mode off", permission: "devices.lock", note: "Unlocks the device and removes the lost-mode message.", confirm: false },
  { kind: "reset_passcode", label: "Reset passcode", permission: "devices.reset_passcode", note: "Clears the passcode (Android: sets a temporary one the owner sees).", confirm: false },
  { kind: "retire", label: "Retire", permission: "devices.retire", note: "Removes company apps, data and settings; personal data stays.", confirm: true },
  { kind: "wipe", label: "Wipe", permission: "devices.wipe", note: "Erases the device and resets it to factory settings.", confirm: true },
  { kind: "delete", label: "Delete record", permission: "devices.delete", note: "Removes the device from Ward for good; its agent stops working.", confirm: true },
];

export const commandLabels: Record<CommandKind, string> = {
  sync: "Sync",
  rename: "Rename",
  lock: "Lock",
  lost_mode_off: "Lost mode off",
  reset_passcode: "Passcode reset",
  retire: "Retire",
  wipe: "Wipe",
};

export { commandStatusLabels as statusLabels } from "../../_components/labels";

export const originLabels: Record<string, string> = { self_service: "Owner", help_desk: "Help desk", policy: "Policy" };

export const isActive = (status: string) => status === "pending" || status === "sent";

/** What a search hit matched on, as a short prefix ("Serial C02…"). */
export const matchedLabels: Record<string, string> = { email: "Email", name: "Name", phone: "Phone", serial: "Serial", imei: "IMEI" };

export const userStatusLabels: Record<string, { text: string; tone: PillTone }> = {
  active: { text: "Active", tone: "good" },
  disabled: { text: "Disabled", tone: "warn" },
  departed: { text: "Departed", tone: "bad" },
};

export const ruleLabels: Record<string, string> = {
  os_min_version: "OS version",
  os_max_version: "OS version",
  passcode_required: "Passcode",
  not_jailbroken: "Jailbreak / root",
  encryption_required: "Encryption",
};

export const ticketStatusLabels: Record<string, { text: string; tone: PillTone }> = {
  open: { text: "Open", tone: "warn" },
  in_progress: { text: "In progress", tone: "warn" },
  waiting_on_user: { text: "Waiting on user", tone: "neutral" },
  resolved: { text: "Resolved", tone: "good" },
  closed: { text: "Closed", tone: "neutral" },
};

/** "device.command_requested" -> "Device command requested": readable without a lookup table per action. */
export const auditActionLabel = (action: string) => {
  const words = action.replace(/[._]/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Shared compact sizing for the dense staff screens (overrides the kit's 44 px touch size). */
export const compactButton = "min-h-9! px-3! text-sm!";
