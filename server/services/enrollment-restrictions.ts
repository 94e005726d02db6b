import { and, asc, count, desc, eq, gte, inArray, notInArray, or, sql } from "drizzle-orm";
import { devices, enrollmentRestrictionGroups, enrollmentRestrictionPlatforms, enrollmentRestrictions, groupMembers } from "@/db/schema";
import type { Db } from "@/db/types";
import { platformLabels } from "../devices/platform-labels";
import { compareOsVersions, type Platform } from "../devices/os-version";
import { AppError } from "../errors";
import type { Ownership } from "./enrollment-codes";

export type RestrictionReasonCode = "platform_blocked" | "os_too_old" | "os_too_new" | "personal_not_allowed" | "device_limit_reached";
export type PlatformRule = { allowed: boolean; minOsVersion: string | null; maxOsVersion: string | null; personalAllowed: boolean };
export type EffectiveRestriction = {
  /** Null for the built-in fallback used when no restriction exists at all. */
  id: string | null;
  name: string;
  deviceLimit: number;
  /** A platform without a row is allowed, with no OS bounds, personal devices included. */
  platforms: Partial<Record<Platform, PlatformRule>>;
};
export type RestrictionCheck = { ok: true; restriction: EffectiveRestriction } | { ok: false; reasonCode: RestrictionReasonCode; message: string };

export const DEFAULT_DEVICE_LIMIT = 5;
/** A device counts toward the limit when it was enrolled or checked in within this many days. */
export const DEVICE_LIMIT_WINDOW_DAYS = 90;

const FALLBACK: EffectiveRestriction = { id: null, name: "Built-in default", deviceLimit: DEFAULT_DEVICE_LIMIT, platforms: {} };

/**
 * The restriction that applies to a user: among those assigned to the user's groups the one with
 * the highest priority (the larger number wins; ties go to the oldest, so the answer is stable),
 * else the default one, else the built-in fallback (everything allowed, 5 devices).
 */
export async function resolveRestriction(db: Db, userId: string): Promise<EffectiveRestriction> {
  const userGroups = db.select({ groupId: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.userId, userId));
  const assigned = db
    .select({ id: enrollmentRestrictionGroups.restrictionId })
    .from(enrollmentRestrictionGroups)
    .where(inArray(enrollmentRestrictionGroups.groupId, userGroups));
  const [picked] = await db
    .select()
    .from(enrollmentRestrictions)
    .where(or(inArray(enrollmentRestrictions.id, assigned), eq(enrollmentRestrictions.isDefault, true)))
    // Group-assigned before the default (true sorts last, so desc puts it first), then by priority.
    .orderBy(
      sql`${inArray(enrollmentRestrictions.id, assigned)} desc`,
      desc(enrollmentRestrictions.priority),
      asc(enrollmentRestrictions.createdAt),
      asc(enrollmentRestrictions.id),
    )
    .limit(1);
  if (!picked) return { ...FALLBACK, platforms: {} };
  const rows = await db.select().from(enrollmentRestrictionPlatforms).where(eq(enrollmentRestrictionPlatforms.restrictionId, picked.id));
  const platforms: EffectiveRestriction["platforms"] = {};
  for (const { platform, allowed, minOsVersion, maxOsVersion, personalAllowed } of rows) {
    platforms[platform] = { allowed, minOsVersion, maxOsVersion, personalAllowed };
  }
  return { id: picked.id, name: picked.name, deviceLimit: picked.deviceLimit, platforms };
}

/** Devices that count toward the user's limit: seen in the last 90 days and not retired or wiped. */
export async function countDevicesTowardLimit(db: Db, userId: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - DEVICE_LIMIT_WINDOW_DAYS * 24 * 3600 * 1000);
  const [row] = await db
    .select({ n: count() })
    .from(devices)
    .where(
      and(
        eq(devices.ownerId, userId),
        notInArray(devices.managementState, ["retired", "wiped"]),
        // A device that never checked in (null) counts from its enrollment.
        or(gte(devices.lastCheckInAt, since), gte(devices.enrolledAt, since)),
      ),
    );
  return Number(row?.n ?? 0);
}

// An admin's bound that does not parse is a configuration fault, not the device's: say so.
function compareBound(platform: Platform, osVersion: string, bound: string, restriction: EffectiveRestriction): number {
  try {
    return compareOsVersions(platform, osVersion, bound);
  } catch {
    throw new AppError("INTERNAL", `The enrollment restriction "${restriction.name}" has an invalid ${platformLabels[platform]} version bound (${bound}). Ask IT to fix it.`);
  }
}

/**
 * Checks one enrollment against the user's restriction, in the order a person would fix things:
 * platform, ownership, OS floor and ceiling, then the device limit. Each refusal says what to do.
 * Pass a transaction when the answer must hold until commit (enrollment locks the owner row).
 */
export async function checkRestrictions(
  db: Db,
  user: { id: string },
  facts: { platform: Platform; osVersion: string },
  ownership: Ownership,
  now: Date,
): Promise<RestrictionCheck> {
  const restriction = await resolveRestriction(db, user.id);
  const label = platformLabels[facts.platform];
  const rule = restriction.platforms[facts.platform];
  if (rule && !rule.allowed) {
    return { ok: false, reasonCode: "platform_blocked", message: `Your organization does not allow ${label} devices to enroll. Use a device with another operating system, or ask IT.` };
  }
  if (rule && ownership === "personal" && !rule.personalAllowed) {
    return { ok: false, reasonCode: "personal_not_allowed", message: `Your organization does not allow personal ${label} devices. Enroll a corporate device or ask IT.` };
  }
  if (rule?.minOsVersion && compareBound(facts.platform, facts.osVersion, rule.minOsVersion, restriction) < 0) {
    return {
      ok: false,
      reasonCode: "os_too_old",
      message: `${label} ${facts.osVersion} is older than the minimum version (${rule.minOsVersion}) allowed for enrollment. Update the device and try again.`,
    };
  }
  if (rule?.maxOsVersion && compareBound(facts.platform, facts.osVersion, rule.maxOsVersion, restriction) > 0) {
    return {
      ok: false,
      reasonCode: "os_too_new",
      message: `${label} ${facts.osVersion} is newer than the latest version (${rule.maxOsVersion}) allowed for enrollment. Ask IT when it will be allowed, or enroll another device.`,
    };
  }
  const limit = restriction.deviceLimit;
  const current = await countDevicesTowardLimit(db, user.id, now);
  if (current >= limit) {
    const message =
      limit <= 0
        ? "Your organization does not allow you to enroll devices. Ask IT if you need one."
        : current === limit
          ? `You have ${current} device${current === 1 ? "" : "s"}, the limit. Remove one you no longer use, then try again.`
          : `You have ${current} devices; the limit is ${limit}. Remove ${current - limit + 1} you no longer use, then try again.`;
    return { ok: false, reasonCode: "device_limit_reached", message };
  }
  return { ok: true, restriction };
}
