import { describe, expect, it } from "vitest";
import {
  capabilitiesFor,
  capabilityFor,
  COMMAND_KINDS,
  platformCapability,
  type DeviceForCapabilities,
} from "@/server/devices/capabilities";

const device = (overrides: Partial<DeviceForCapabilities> = {}): DeviceForCapabilities => ({
  platform: "android",
  ownership: "corporate",
  managementState: "enrolled",
  ...overrides,
});

describe("capability table", () => {
  it("refuses a wipe of personal phones and tablets, with the reason and what to do instead", () => {
    expect(platformCapability("ios", "personal", "wipe")).toEqual({
      allowed: false,
      code: "not_supported",
      reason: "Personal iPhones are enrolled for work data only: remove it (retire) instead.",
    });
    expect(platformCapability("ipados", "personal", "wipe")).toMatchObject({ allowed: false, reason: expect.stringContaining("iPads") });
    expect(platformCapability("android", "personal", "wipe")).toMatchObject({ allowed: false, reason: expect.stringContaining("retire") });
    for (const platform of ["ios", "ipados", "android"] as const) {
      expect(platformCapability(platform, "corporate", "wipe").allowed).toBe(true);
      expect(platformCapability(platform, "personal", "retire").allowed).toBe(true);
    }
  });

  it("resets passcodes only on phones and tablets: cleared on iOS, temporary on Android", () => {
    expect(platformCapability("ios", "personal", "reset_passcode")).toEqual({ allowed: true, note: "The passcode is removed; the user sets a new one." });
    expect(platformCapability("ipados", "corporate", "reset_passcode")).toMatchObject({ allowed: true, note: expect.stringContaining("removed") });
    expect(platformCapability("android", "personal", "reset_passcode")).toMatchObject({ allowed: true, note: expect.stringContaining("temporary") });
    for (const platform of ["macos", "windows", "linux"] as const) {
      const refusal = platformCapability(platform, "corporate", "reset_passcode");
      expect(refusal).toMatchObject({ allowed: false, code: "not_supported" });
      expect(refusal.allowed === false && refusal.reason).toMatch(/not available on (macOS|Windows|Linux)/);
    }
  });

  it("offers lost mode off exactly where lock exists", () => {
    for (const platform of ["ios", "ipados", "android", "macos", "windows", "linux"] as const) {
      for (const ownership of ["personal", "corporate"] as const) {
        expect(platformCapability(platform, ownership, "lost_mode_off").allowed).toBe(platformCapability(platform, ownership, "lock").allowed);
      }
    }
    expect(platformCapability("linux", "corporate", "lock")).toMatchObject({ allowed: false, reason: "Remote lock is not available on Linux." });
  });

  it("allows sync and rename everywhere, and answers a sentence for every refusal", () => {
    for (const platform of ["ios", "ipados", "android", "macos", "windows", "linux"] as const) {
      for (const ownership of ["personal", "corporate"] as const) {
        expect(platformCapability(platform, ownership, "sync").allowed).toBe(true);
        expect(platformCapability(platform, ownership, "rename").allowed).toBe(true);
        for (const kind of COMMAND_KINDS) {
          const c = platformCapability(platform, ownership, kind);
          if (!c.allowed) expect(c.reason).toMatch(/^[A-Z].*\.$/);
        }
      }
    }
  });
});

describe("capabilities with the device's state", () => {
  it("allows nothing on a retired, wiped or pending-removal device", () => {
    for (const managementState of ["retired", "wiped", "retire_pending", "wipe_pending"] as const) {
      const all = capabilitiesFor(device({ managementState }), []);
      for (const kind of COMMAND_KINDS) expect(all[kind]).toMatchObject({ allowed: false, code: "device_state" });
    }
    expect(capabilityFor(device({ managementState: "wipe_pending" }), [], "sync")).toMatchObject({ reason: expect.stringContaining("Cancel the wipe") });
  });

  it("leaves lost mode only in lost mode, and locks only outside it", () => {
    const enrolled = capabilitiesFor(device(), []);
    expect(enrolled.lock.allowed).toBe(true);
    expect(enrolled.lost_mode_off).toEqual({ allowed: false, code: "device_state", reason: "The device is not in lost mode." });
    const lost = capabilitiesFor(device({ managementState: "lost_mode" }), []);
    expect(lost.lock).toMatchObject({ allowed: false, code: "device_state" });
    expect(lost.lost_mode_off.allowed).toBe(true);
    expect(lost.wipe.allowed).toBe(true);
  });

  it("puts the platform reason before the state reason", () => {
    expect(capabilityFor(device({ platform: "ios", ownership: "personal", managementState: "lost_mode" }), [], "wipe")).toMatchObject({
      code: "not_supported",
    });
  });

  it("refuses a second command of a kind already on its way, except renames", () => {
    const active = [
      { kind: "lock" as const, status: "sent" as const },
      { kind: "rename" as const, status: "pending" as const },
      { kind: "sync" as const, status: "completed" as const },
    ];
    const all = capabilitiesFor(device(), active);
    expect(all.lock).toMatchObject({ allowed: false, code: "already_pending", reason: "A lock is already on its way to the device." });
    expect(all.rename.allowed).toBe(true);
    expect(all.sync.allowed).toBe(true);
  });
});
