import { commandKindEnum, type commandStatusEnum } from "@/db/schema/commands";
import type { managementStateEnum } from "@/db/schema/devices";
import type { ownershipEnum, platformEnum } from "@/db/schema/enums";

export type CommandKind = (typeof commandKindEnum.enumValues)[number];
export type CommandStatus = (typeof commandStatusEnum.enumValues)[number];
export type Platform = (typeof platformEnum.enumValues)[number];
export type Ownership = (typeof ownershipEnum.enumValues)[number];
export type ManagementState = (typeof managementStateEnum.enumValues)[number];

export const COMMAND_KINDS: readonly CommandKind[] = commandKindEnum.enumValues;

/** Why a command is refused: the platform cannot do it, the device's state forbids it, or one is already on its way. */
export type RefusalCode = "not_supported" | "device_state" | "already_pending";
export type Capability = { allowed: true; note?: string } | { allowed: false; reason: string; code: RefusalCode };

type Rule = { allowed: true; note?: string } | { allowed: false; reason: string };
type Entry = Rule | { personal: Rule; corporate: Rule };

const ok = (note?: string): Rule => (note ? { allowed: true, note } : { allowed: true });
const no = (reason: string): Rule => ({ allowed: false, reason });

const RETIRE_NOTE = "Removes company apps, data and settings; personal data stays on the device.";
const WIPE_NOTE = "Erases everything on the device and resets it to factory settings.";
const LOCK_NOTE = "Locks the screen and shows your message and phone number.";
const CLEAR_PASSCODE_NOTE = "The passcode is removed; the user sets a new one.";

// Personal phones, tablets and Macs are enrolled for work data only (Apple User Enrollment,
// Android work profile): the management profile cannot erase the whole device, only remove itself.
const workDataOnly = (device: string): Entry => ({
  personal: no(`Personal ${device} are enrolled for work data only: remove it (retire) instead.`),
  corporate: ok(WIPE_NOTE),
});

/**
 * What each platform's management agent can do, per ownership. Missing kinds are allowed
 * without a note (sync, rename and retire work everywhere).
 */
const TABLE: Record<Platform, Partial<Record<CommandKind, Entry>>> = {
  ios: {
    lock: ok(LOCK_NOTE),
    reset_passcode: ok(CLEAR_PASSCODE_NOTE),
    retire: ok(RETIRE_NOTE),
    wipe: workDataOnly("iPhones"),
  },
  ipados: {
    lock: ok(LOCK_NOTE),
    reset_passcode: ok(CLEAR_PASSCODE_NOTE),
    retire: ok(RETIRE_NOTE),
    wipe: workDataOnly("iPads"),
  },
  android: {
    lock: ok(LOCK_NOTE),
    reset_passcode: ok("A temporary passcode is set on the device; you can see it here for 7 days."),
    retire: ok(RETIRE_NOTE),
    wipe: workDataOnly("Android devices"),
  },
  macos: {
    lock: ok("Locks the Mac and shows your message on the lock screen."),
    reset_passcode: no("Passcode reset is not available on macOS: use your account recovery or ask IT."),
    retire: ok(RETIRE_NOTE),
    wipe: workDataOnly("Macs"),
  },
  windows: {
    lock: ok("Locks the PC and signs out the current user."),
    reset_passcode: no("Passcode reset is not available on Windows: use your account recovery or ask IT."),
    retire: ok(RETIRE_NOTE),
    wipe: ok(WIPE_NOTE),
  },
  linux: {
    lock: no("Remote lock is not available on Linux."),
    reset_passcode: no("Passcode reset is not available on Linux."),
    retire: ok("Removes the management agent and company configuration."),
    wipe: no("Remote wipe is not available on Linux: remove it (retire) instead."),
  },
};

/** The platform table alone: what the device could do if its state allowed it. */
export function platformCapability(platform: Platform, ownership: Ownership, kind: CommandKind): Capability {
  // lost_mode_off undoes a lock, so it exists exactly where lock does.
  const entry = TABLE[platform][kind === "lost_mode_off" ? "lock" : kind] ?? ok();
  const rule = "personal" in entry ? entry[ownership] : entry;
  if (!rule.allowed) return { allowed: false, reason: rule.reason, code: "not_supported" };
  if (kind === "lost_mode_off") return { allowed: true, note: "Unlocks the device and removes the lost-mode message." };
  return rule;
}

export type DeviceForCapabilities = { platform: Platform; ownership: Ownership; managementState: ManagementState };
export type ActiveCommand = { kind: CommandKind; status: CommandStatus };

const ACTIVE: readonly CommandStatus[] = ["pending", "sent"];

function stateRefusal(state: ManagementState, kind: CommandKind): string | null {
  switch (state) {
    case "retired":
    case "wiped":
      return `This device is ${state} and no longer managed.`;
    case "retire_pending":
      return "This device is being removed. Cancel the removal first.";
    case "wipe_pending":
      return "A wipe is on its way to this device. Cancel the wipe first.";
    case "lost_mode":
      return kind === "lock" ? "The device is already locked in lost mode." : null;
    case "enrolled":
      return kind === "lost_mode_off" ? "The device is not in lost mode." : null;
  }
}

// Renames may be queued one after another (the last one wins); any other kind waits for the active one.
const PENDING_TEXT: Record<CommandKind, string | null> = {
  sync: "A sync is already on its way to the device.",
  rename: null,
  lock: "A lock is already on its way to the device.",
  lost_mode_off: "Leaving lost mode is already on its way to the device.",
  reset_passcode: "A passcode reset is already on its way to the device.",
  retire: "The device is already being removed.",
  wipe: "A wipe is already on its way to the device.",
};

/** One kind, combining the platform table with the device's state and its active commands. */
export function capabilityFor(device: DeviceForCapabilities, activeCommands: readonly ActiveCommand[], kind: CommandKind): Capability {
  const platform = platformCapability(device.platform, device.ownership, kind);
  if (!platform.allowed) return platform;
  const state = stateRefusal(device.managementState, kind);
  if (state) return { allowed: false, reason: state, code: "device_state" };
  const pendingText = PENDING_TEXT[kind];
  if (pendingText && activeCommands.some((c) => c.kind === kind && ACTIVE.includes(c.status))) {
    return { allowed: false, reason: pendingText, code: "already_pending" };
  }
  return platform;
}

/** Every kind at once, e.g. to show disabled actions with their reason. */
export function capabilitiesFor(device: DeviceForCapabilities, activeCommands: readonly ActiveCommand[]): Record<CommandKind, Capability> {
  return Object.fromEntries(COMMAND_KINDS.map((kind) => [kind, capabilityFor(device, activeCommands, kind)])) as Record<
    CommandKind,
    Capability
  >;
}
