/**
 * Built-in compliance rules: how each rule kind is judged against what a device reported, and
 * the built-in remediation text shown to its owner. Pure functions, so the check-in service, the
 * portal and the tests all agree on the same answer.
 */
import type { complianceRules, DeviceInventory, devices } from "@/db/schema";
import { compareOsVersions, isOsVersion } from "../devices/os-version";
import { platformLabels } from "../devices/platform-labels";

export type Platform = (typeof devices.$inferSelect)["platform"];
export type RuleKind = (typeof complianceRules.$inferSelect)["kind"];
export type RuleStatus = "compliant" | "noncompliant" | "unknown";
export type RuleInput = { kind: RuleKind; value: string };
export type RuleEvaluation = { status: RuleStatus; reportedValue: string | null; expected: string };
export type Remediation = { builtIn: string; admin: string | null };

export function platformName(platform: Platform): string {
  return platformLabels[platform];
}

// Jailbreak / root detection only exists on mobile agents; desktop agents never report it.
const mobile = (platform: Platform) => platform === "ios" || platform === "ipados" || platform === "android";

/** A rule whose value is not "true" is switched off ("passcode_required: false"), as in the seed. */
const required = (rule: RuleInput) => rule.value.trim().toLowerCase() === "true";

/** The expected value in words, shown beside the reported one ("17.0 or later", "Not rooted"). */
export function expectedFor(platform: Platform, rule: RuleInput): string {
  switch (rule.kind) {
    case "os_min_version":
      return `${platformName(platform)} ${rule.value} or later`;
    case "os_max_version":
      return `${platformName(platform)} ${rule.value} or earlier`;
    case "passcode_required":
      return required(rule) ? "Passcode set" : "Not required";
    case "not_jailbroken":
      if (!required(rule)) return "Not required";
      return platform === "android" ? "Not rooted" : "Not jailbroken";
    case "encryption_required":
      if (!required(rule)) return "Not required";
      return platform === "macos" ? "Encrypted (FileVault)" : platform === "windows" ? "Encrypted (BitLocker)" : "Encrypted";
  }
}

/**
 * Judges one rule. "unknown" when the device did not report the fact (or reported something
 * unreadable); the caller decides what unknown means for access (see services/compliance.ts).
 */
export function evaluateRule(
  platform: Platform,
  rule: RuleInput,
  device: { osVersion: string | null; inventory: DeviceInventory | null },
): RuleEvaluation {
  const expected = expectedFor(platform, rule);
  const result = (status: RuleStatus, reportedValue: string | null) => ({ status, reportedValue, expected });
  const inventory = device.inventory ?? {};

  if (rule.kind === "os_min_version" || rule.kind === "os_max_version") {
    const reported = device.osVersion?.trim() || null;
    // An unreadable version is "unknown" rather than a guess.
    if (!reported || !isOsVersion(reported) || !isOsVersion(rule.value)) return result("unknown", reported);
    const order = compareOsVersions(platform, reported, rule.value);
    const ok = rule.kind === "os_min_version" ? order >= 0 : order <= 0;
    return result(ok ? "compliant" : "noncompliant", reported);
  }

  const fact = rule.kind === "passcode_required" ? "passcodeSet" : rule.kind === "encryption_required" ? "encrypted" : "jailbroken";
  const value = inventory[fact];
  const reported = typeof value === "boolean" ? String(value) : null;
  if (!required(rule)) return result("compliant", reported);
  if (reported === null) {
    // A desktop cannot be jailbroken and its agent has no such fact: not reporting it is not a failure.
    if (rule.kind === "not_jailbroken" && !mobile(platform)) return result("compliant", null);
    return result("unknown", null);
  }
  const ok = rule.kind === "not_jailbroken" ? value === false : value === true;
  return result(ok ? "compliant" : "noncompliant", reported);
}

function osUpdateSteps(platform: Platform, version: string): string {
  const name = platformName(platform);
  switch (platform) {
    case "ios":
    case "ipados":
      return `Open Settings > General > Software Update and install ${name} ${version} or later.`;
    case "android":
      return `Open Settings > System > Software update (on some phones Settings > Software update) and install Android ${version} or later. If no update is offered, the device may no longer be supported: contact the help desk.`;
    case "windows":
      return `Open Settings > Windows Update, select Check for updates and install the updates until the version is ${version} or later, then restart.`;
    case "macos":
      return `Open System Settings > General > Software Update and install macOS ${version} or later.`;
    case "linux":
      return `Install your distribution's updates and upgrade to release ${version} or later (for example with Software Updater, or sudo apt update && sudo apt full-upgrade).`;
  }
}

function passcodeSteps(platform: Platform): string {
  switch (platform) {
    case "ios":
    case "ipados":
      return "Open Settings > Face ID & Passcode (or Touch ID & Passcode) and select Turn Passcode On.";
    case "android":
      return "Open Settings > Security (or Security & privacy) > Screen lock and choose a PIN, pattern or password.";
    case "windows":
      return "Open Settings > Accounts > Sign-in options and set a password or a PIN for your account.";
    case "macos":
      return "Open System Settings > Users & Groups to set a password for your account, then Lock Screen to require it after sleep or the screen saver.";
    case "linux":
      return "Set a password for your account (Settings > Users, or passwd) and turn on the automatic screen lock.";
  }
}

function encryptionSteps(platform: Platform): string {
  switch (platform) {
    case "ios":
    case "ipados":
      return "Encryption turns on by itself once a passcode is set: open Settings > Face ID & Passcode and select Turn Passcode On.";
    case "android":
      return "Set a screen lock in Settings > Security, then check Settings > Security > Encryption & credentials and select Encrypt phone if it is not encrypted yet. Keep the device charging while it encrypts.";
    case "windows":
      return "Turn on BitLocker: open Settings > Privacy & security > Device encryption (or Control Panel > BitLocker Drive Encryption), turn it on and save the recovery key to your work account.";
    case "macos":
      return "Turn on FileVault: open System Settings > Privacy & Security > FileVault and select Turn On. Keep the Mac plugged in while it encrypts.";
    case "linux":
      return "Full-disk encryption (LUKS) is chosen when the system is installed: contact the help desk to reinstall the device with encryption.";
  }
}

function jailbreakSteps(platform: Platform): string {
  switch (platform) {
    case "ios":
    case "ipados":
      return "Restore the device to its original software: back it up, then update or restore it with Finder (or iTunes) on a computer, which removes the jailbreak. Then check in again from the portal.";
    case "android":
      return "Restore the device to its original software: remove root and reinstall the manufacturer's firmware, or reset the device to factory settings. Then check in again from the portal.";
    default:
      return "Restore the device to its original software, then check in again from the portal.";
  }
}

function osDowngradeSteps(platform: Platform, version: string): string {
  return `Your organization supports ${platformName(platform)} up to ${version} so far. If you installed a beta, leave the beta program and restore the released version; otherwise contact the help desk.`;
}

/** The built-in steps for one rule on one platform, and the admin's own text when they wrote one. */
export function remediationFor(platform: Platform, rule: RuleInput & { remediation?: string | null }): Remediation {
  const builtIn =
    rule.kind === "os_min_version"
      ? osUpdateSteps(platform, rule.value)
      : rule.kind === "os_max_version"
        ? osDowngradeSteps(platform, rule.value)
        : rule.kind === "passcode_required"
          ? passcodeSteps(platform)
          : rule.kind === "encryption_required"
            ? encryptionSteps(platform)
            : jailbreakSteps(platform);
  return { builtIn, admin: rule.remediation?.trim() || null };
}

const ruleLabels: Record<RuleKind, string> = {
  os_min_version: "OS version",
  os_max_version: "OS version",
  passcode_required: "Passcode",
  not_jailbroken: "Jailbreak / root",
  encryption_required: "Encryption",
};

/** One line per failing rule for notifications: "OS version: 16.2 (expected iOS 17.0 or later)". */
export function describeFailure(rule: { kind: RuleKind; reportedValue: string | null; expected: string }): string {
  return `${ruleLabels[rule.kind]}: ${rule.reportedValue ?? "not reported"} (expected ${rule.expected})`;
}

export type ComplianceState = (typeof devices.$inferSelect)["complianceState"];
export type ComplianceTransition = { state: ComplianceState; graceDeadline: Date | null };

/**
 * The compliance state machine (DESIGN section 3). `graceHours` is null when every rule passes,
 * else the shortest grace period among the policies with a failing rule. A running grace
 * deadline is kept as it is: re-checking in never buys more time, and fixing then breaking the
 * device again starts a new grace period only from "compliant".
 */
export function nextComplianceState(
  current: ComplianceTransition,
  graceHours: number | null,
  now: Date,
): ComplianceTransition {
  if (graceHours === null) return { state: "compliant", graceDeadline: null };
  if (current.state === "noncompliant") return { state: "noncompliant", graceDeadline: null };
  if (current.state === "in_grace" && current.graceDeadline) {
    return current.graceDeadline.getTime() <= now.getTime()
      ? { state: "noncompliant", graceDeadline: null }
      : { state: "in_grace", graceDeadline: current.graceDeadline };
  }
  if (graceHours <= 0) return { state: "noncompliant", graceDeadline: null };
  return { state: "in_grace", graceDeadline: new Date(now.getTime() + graceHours * 3_600_000) };
}
