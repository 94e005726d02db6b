import { describe, expect, it } from "vitest";
import { deviceFactsSchema } from "@/server/devices/device-facts";
import { compareOsVersions, isOsVersion, normalizeOsVersion, type Platform } from "@/server/devices/os-version";
import { AppError } from "@/server/errors";

describe("compareOsVersions", () => {
  it.each<[Platform, string, string, -1 | 0 | 1]>([
    // Numeric, not text: the classic mistakes.
    ["android", "10", "9", 1],
    ["android", "9", "10", -1],
    ["ios", "17.10", "17.9", 1],
    ["ios", "17.4.1", "17.4", 1],
    ["ios", "17.4", "17.4.1", -1],
    ["ios", "17.4", "17.4.0", 0],
    ["ios", "17", "17.0.0", 0],
    ["ios", "17.04", "17.4", 0],
    ["ipados", "16.7.8", "17.0", -1],
    ["macos", "14.4.1", "14.4.1", 0],
    ["macos", "10.15.7", "11", -1],
    // Windows: major.minor.build[.revision]; builds are large numbers.
    ["windows", "10.0.22631", "10.0.19045", 1],
    ["windows", "10.0.22631.3447", "10.0.22631", 1],
    ["windows", "10.0.22000", "10.0.22631", -1],
    ["windows", "10.0.9999", "10.0.10240", -1],
    ["windows", "10.0.123456789012345678901", "10.0.123456789012345678900", 1],
    // Android reports a bare major, sometimes with a minor.
    ["android", "14", "13", 1],
    ["android", "14", "14.0", 0],
    ["android", "13.0.1", "13", 1],
    // Suffixes the OS shows are ignored.
    ["ios", "17.5 (21F79)", "17.5", 0],
    ["ios", "17.5 (21F79)", "17.4.1", 1],
    ["android", "14 beta", "14", 0],
    ["android", "15 beta 2", "14", 1],
    ["linux", "6.5.0-14-generic", "6.5", 0],
    ["linux", "6.8.0-31-generic", "6.5.0-14-generic", 1],
    ["macos", "v14.2", "14.2", 0],
    ["ios", "  17.4 ", "17.4", 0],
  ])("%s: %s vs %s -> %i", (platform, a, b, expected) => {
    expect(compareOsVersions(platform, a, b)).toBe(expected);
    // Antisymmetric: swapping the sides flips the sign.
    expect(compareOsVersions(platform, b, a)).toBe(-expected || 0);
  });

  it.each(["", "beta", "abc", "-1", ".5", "v", "   ", "1.2.3.4.5.6.7.8.9", "٣.٤"])("refuses %j with BAD_REQUEST", (bad) => {
    let caught: unknown;
    try {
      compareOsVersions("ios", bad, "17");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe("BAD_REQUEST");
    expect((caught as AppError).message).toMatch(/is not a ios version number/);
    expect(() => compareOsVersions("ios", "17", bad)).toThrow(AppError);
  });

  it("refuses values that are not strings without crashing", () => {
    expect(() => compareOsVersions("android", undefined as unknown as string, "14")).toThrow(AppError);
    expect(() => compareOsVersions("android", 14 as unknown as string, "14")).toThrow(AppError);
  });

  it("normalizes to the comparable form", () => {
    expect(normalizeOsVersion("ios", "17.5 (21F79)")).toBe("17.5");
    expect(normalizeOsVersion("ios", "17.4.0")).toBe("17.4");
    expect(normalizeOsVersion("windows", "10.0.022631")).toBe("10.0.22631");
    expect(normalizeOsVersion("android", "0")).toBe("0");
    expect(isOsVersion("14 beta")).toBe(true);
    expect(isOsVersion("beta 14")).toBe(false);
  });

  it("sorts a mixed list correctly", () => {
    const versions = ["17.4.1", "9", "17.4", "10", "17.10", "17.5 (21F79)", "16.7.8"];
    versions.sort((a, b) => compareOsVersions("ios", a, b));
    expect(versions).toEqual(["9", "10", "16.7.8", "17.4", "17.4.1", "17.5 (21F79)", "17.10"]);
  });
});

describe("deviceFactsSchema", () => {
  it("accepts what agents send and trims it", () => {
    const facts = deviceFactsSchema.parse({ platform: "ios", osVersion: " 17.5 (21F79) ", model: "iPhone 15", serial: "", imei: "356938035643809" });
    expect(facts).toMatchObject({ platform: "ios", osVersion: "17.5 (21F79)", model: "iPhone 15", serial: "" });
  });

  it.each([
    [{ platform: "symbian", osVersion: "9" }, "platform"],
    [{ platform: "ios", osVersion: "beta" }, "osVersion"],
    [{ platform: "ios" }, "osVersion"],
    [{ platform: "android", osVersion: "14", imei: "12AB" }, "imei"],
    [{ platform: "android", osVersion: "14", model: "x".repeat(200) }, "model"],
  ])("refuses bad facts %# at the right field", (input, field) => {
    const result = deviceFactsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual([field]);
  });
});
