import type { platformEnum } from "@/db/schema/enums";
import { AppError } from "../errors";

export type Platform = (typeof platformEnum.enumValues)[number];

/**
 * The leading dotted number of a version string. Agents report what the OS shows, so suffixes
 * are tolerated ("17.5 (21F79)", "14 beta", "6.5.0-14-generic"); a leading "v" too. The HTTP
 * schema uses the same pattern, so a version that passed validation always compares.
 */
export const OS_VERSION_PATTERN = /^\s*[vV]?(\d+(?:\.\d+)*)/;

// Enough for any real version (Windows "10.0.22631.3447" is 4 parts); longer is junk or abuse.
const MAX_PARTS = 8;

/**
 * Numeric parts as digit strings without leading zeros: compared by length, then by text, so a
 * Windows build or revision of any size compares exactly (no float or 2^53 surprises).
 */
function parts(platform: Platform, version: string): string[] {
  const match = typeof version === "string" ? OS_VERSION_PATTERN.exec(version) : null;
  const numbers = match?.[1]?.split(".");
  if (!numbers || numbers.length > MAX_PARTS) {
    throw new AppError("BAD_REQUEST", `"${String(version).slice(0, 40)}" is not a ${platform} version number, like 17.4 or 10.0.22631.`, {
      reason: "invalid_os_version",
    });
  }
  const trimmed = numbers.map((n) => n.replace(/^0+(?=\d)/, ""));
  // Trailing zeros carry no meaning: "17.4" == "17.4.0".
  while (trimmed.length > 1 && trimmed.at(-1) === "0") trimmed.pop();
  return trimmed;
}

/** The comparable form of a version ("17.5 (21F79)" -> "17.5"); throws BAD_REQUEST when unparsable. */
export function normalizeOsVersion(platform: Platform, version: string): string {
  return parts(platform, version).join(".");
}

/** True when the string starts with a version number that compareOsVersions accepts. */
export function isOsVersion(version: string): boolean {
  const match = OS_VERSION_PATTERN.exec(version);
  return !!match && match[1]!.split(".").length <= MAX_PARTS;
}

/**
 * Compares two OS versions of one platform part by part, numerically: "10" > "9",
 * "17.4.1" > "17.4", "17.4" == "17.4.0", "10.0.22631" > "10.0.19045". Every platform Ward
 * manages numbers its releases this way (Windows reports major.minor.build[.revision], Android
 * a major with optional minor), so one rule serves all; the platform names the version in errors.
 */
export function compareOsVersions(platform: Platform, a: string, b: string): -1 | 0 | 1 {
  const left = parts(platform, a);
  const right = parts(platform, b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i] ?? "0";
    const y = right[i] ?? "0";
    if (x.length !== y.length) return x.length < y.length ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
