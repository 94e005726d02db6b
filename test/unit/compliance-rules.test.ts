import { describe, expect, it } from "vitest";
import { describeFailure, evaluateRule, expectedFor, nextComplianceState, remediationFor, type Platform } from "@/server/compliance/rules";

const device = (osVersion: string | null, inventory: Record<string, unknown> = {}) => ({ osVersion, inventory });
const statusOf = (platform: Platform, kind: Parameters<typeof evaluateRule>[1]["kind"], value: string, d: ReturnType<typeof device>) =>
  evaluateRule(platform, { kind, value }, d).status;

describe("OS version rules", () => {
  it("compares dotted versions numerically, missing parts as zero", () => {
    expect(statusOf("ios", "os_min_version", "17.4", device("17.4.1"))).toBe("compliant");
    expect(statusOf("ios", "os_min_version", "17.4.1", device("17.4"))).toBe("noncompliant");
    expect(statusOf("ios", "os_min_version", "17.4", device("17.4.0"))).toBe("compliant");
    expect(statusOf("ios", "os_max_version", "17.4", device("17.4.1"))).toBe("noncompliant");
    expect(statusOf("ios", "os_max_version", "17.4.1", device("17.4"))).toBe("compliant");
    expect(statusOf("android", "os_min_version", "9", device("10"))).toBe("compliant");
    expect(statusOf("android", "os_min_version", "10", device("9"))).toBe("noncompliant");
    expect(statusOf("ios", "os_min_version", "17.10", device("17.9"))).toBe("noncompliant");
  });

  it("handles Windows build numbers and suffixed Linux releases", () => {
    expect(statusOf("windows", "os_min_version", "10.0.19045", device("10.0.22631.3447"))).toBe("compliant");
    expect(statusOf("windows", "os_min_version", "10.0.19045", device("10.0.9200"))).toBe("noncompliant");
    expect(statusOf("linux", "os_min_version", "22.04", device("24.04.1 LTS"))).toBe("compliant");
    expect(statusOf("macos", "os_max_version", "15", device("15.1"))).toBe("noncompliant");
  });

  it("reports the OS version as is and is unknown when it is missing or unreadable", () => {
    expect(evaluateRule("ios", { kind: "os_min_version", value: "17.0" }, device("16.7.2"))).toEqual({
      status: "noncompliant",
      reportedValue: "16.7.2",
      expected: "iOS 17.0 or later",
    });
    expect(evaluateRule("android", { kind: "os_min_version", value: "13" }, device(""))).toMatchObject({ status: "unknown", reportedValue: null });
    expect(evaluateRule("android", { kind: "os_min_version", value: "13" }, device(null)).status).toBe("unknown");
    expect(evaluateRule("android", { kind: "os_min_version", value: "13" }, device("beta"))).toMatchObject({ status: "unknown", reportedValue: "beta" });
  });
});

describe("inventory rules", () => {
  it("passcode: set passes, unset fails, not reported is unknown", () => {
    expect(evaluateRule("android", { kind: "passcode_required", value: "true" }, device("14", { passcodeSet: true }))).toEqual({
      status: "compliant",
      reportedValue: "true",
      expected: "Passcode set",
    });
    expect(statusOf("android", "passcode_required", "true", device("14", { passcodeSet: false }))).toBe("noncompliant");
    expect(evaluateRule("android", { kind: "passcode_required", value: "true" }, device("14", {}))).toMatchObject({ status: "unknown", reportedValue: null });
    // A non-boolean is not a usable report.
    expect(statusOf("android", "passcode_required", "true", device("14", { passcodeSet: "yes" }))).toBe("unknown");
  });

  it("encryption: names the platform's mechanism", () => {
    expect(statusOf("macos", "encryption_required", "true", device("14.5", { encrypted: false }))).toBe("noncompliant");
    expect(expectedFor("macos", { kind: "encryption_required", value: "true" })).toBe("Encrypted (FileVault)");
    expect(expectedFor("windows", { kind: "encryption_required", value: "true" })).toBe("Encrypted (BitLocker)");
    expect(statusOf("windows", "encryption_required", "true", device("10.0.22631", {}))).toBe("unknown");
  });

  it("jailbreak: jailbroken fails, Android says rooted, desktops need not report it", () => {
    expect(evaluateRule("ios", { kind: "not_jailbroken", value: "true" }, device("17.5", { jailbroken: true }))).toEqual({
      status: "noncompliant",
      reportedValue: "true",
      expected: "Not jailbroken",
    });
    expect(statusOf("ios", "not_jailbroken", "true", device("17.5", { jailbroken: false }))).toBe("compliant");
    expect(statusOf("ios", "not_jailbroken", "true", device("17.5", {}))).toBe("unknown");
    expect(expectedFor("android", { kind: "not_jailbroken", value: "true" })).toBe("Not rooted");
    expect(statusOf("windows", "not_jailbroken", "true", device("10.0.22631", {}))).toBe("compliant");
    expect(statusOf("windows", "not_jailbroken", "true", device("10.0.22631", { jailbroken: true }))).toBe("noncompliant");
  });

  it("a rule switched off (value not \"true\") always passes but keeps the reported value", () => {
    expect(evaluateRule("android", { kind: "passcode_required", value: "false" }, device("14", { passcodeSet: false }))).toEqual({
      status: "compliant",
      reportedValue: "false",
      expected: "Not required",
    });
  });
});

describe("remediation", () => {
  it("gives platform-specific built-in steps with the required version", () => {
    expect(remediationFor("ios", { kind: "os_min_version", value: "17.0" }).builtIn).toBe(
      "Open Settings > General > Software Update and install iOS 17.0 or later.",
    );
    expect(remediationFor("ipados", { kind: "os_min_version", value: "17.0" }).builtIn).toContain("iPadOS 17.0 or later");
    expect(remediationFor("android", { kind: "os_min_version", value: "13" }).builtIn).toContain("Android 13 or later");
    expect(remediationFor("windows", { kind: "os_min_version", value: "10.0.19045" }).builtIn).toContain("Windows Update");
    expect(remediationFor("macos", { kind: "os_min_version", value: "14.0" }).builtIn).toContain("macOS 14.0 or later");
    expect(remediationFor("ios", { kind: "os_max_version", value: "17.5" }).builtIn).toContain("iOS up to 17.5");
  });

  it("covers passcode, jailbreak and encryption per platform", () => {
    expect(remediationFor("ios", { kind: "passcode_required", value: "true" }).builtIn).toContain("Face ID & Passcode");
    expect(remediationFor("android", { kind: "passcode_required", value: "true" }).builtIn).toContain("Screen lock");
    expect(remediationFor("windows", { kind: "passcode_required", value: "true" }).builtIn).toContain("Sign-in options");
    expect(remediationFor("ios", { kind: "not_jailbroken", value: "true" }).builtIn).toMatch(/^Restore the device to its original software/);
    expect(remediationFor("android", { kind: "not_jailbroken", value: "true" }).builtIn).toContain("remove root");
    expect(remediationFor("macos", { kind: "encryption_required", value: "true" }).builtIn).toContain("FileVault");
    expect(remediationFor("windows", { kind: "encryption_required", value: "true" }).builtIn).toContain("BitLocker");
    expect(remediationFor("android", { kind: "encryption_required", value: "true" }).builtIn).toContain("Encrypt phone");
  });

  it("adds the admin's text beside the built-in one, blank counting as none", () => {
    expect(remediationFor("android", { kind: "passcode_required", value: "true", remediation: "Call IT on 1234." }).admin).toBe("Call IT on 1234.");
    expect(remediationFor("android", { kind: "passcode_required", value: "true", remediation: "  " }).admin).toBeNull();
    expect(remediationFor("android", { kind: "passcode_required", value: "true" }).admin).toBeNull();
  });

  it("describes a failure for notifications, unknown as not reported", () => {
    expect(describeFailure({ kind: "os_min_version", reportedValue: "16.2", expected: "iOS 17.0 or later" })).toBe("OS version: 16.2 (expected iOS 17.0 or later)");
    expect(describeFailure({ kind: "passcode_required", reportedValue: null, expected: "Passcode set" })).toBe("Passcode: not reported (expected Passcode set)");
  });
});

describe("state machine", () => {
  const now = new Date("2025-06-01T12:00:00Z");
  const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

  it("passing rules make any state compliant", () => {
    for (const state of ["unknown", "compliant", "in_grace", "noncompliant"] as const) {
      expect(nextComplianceState({ state, graceDeadline: state === "in_grace" ? later(1) : null }, null, now)).toEqual({ state: "compliant", graceDeadline: null });
    }
  });

  it("failing starts a grace period once and never extends it", () => {
    expect(nextComplianceState({ state: "compliant", graceDeadline: null }, 72, now)).toEqual({ state: "in_grace", graceDeadline: later(72) });
    expect(nextComplianceState({ state: "unknown", graceDeadline: null }, 24, now)).toEqual({ state: "in_grace", graceDeadline: later(24) });
    expect(nextComplianceState({ state: "in_grace", graceDeadline: later(5) }, 72, now)).toEqual({ state: "in_grace", graceDeadline: later(5) });
  });

  it("ends in noncompliant at the deadline, with no grace, or when already there", () => {
    expect(nextComplianceState({ state: "in_grace", graceDeadline: now }, 72, now)).toEqual({ state: "noncompliant", graceDeadline: null });
    expect(nextComplianceState({ state: "compliant", graceDeadline: null }, 0, now)).toEqual({ state: "noncompliant", graceDeadline: null });
    expect(nextComplianceState({ state: "noncompliant", graceDeadline: null }, 72, now)).toEqual({ state: "noncompliant", graceDeadline: null });
  });
});
