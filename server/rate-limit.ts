import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { rateLimits } from "@/db/schema";
import type { Db } from "@/db/types";

export type RateLimitRule = { limit: number; windowSeconds: number };
export type RateLimitState = { count: number; limited: boolean; retryAfterSeconds: number };

// Keys may contain e-mail addresses or IPs; only their hash is stored.
function storedKey(key: string): string {
  const [scope] = key.split(":", 1);
  return `${scope}:${createHash("sha256").update(key).digest("base64url").slice(0, 32)}`;
}

function stateOf(row: { count: number; windowEndsAt: Date } | undefined, rule: RateLimitRule): RateLimitState {
  if (!row || row.windowEndsAt.getTime() <= Date.now()) return { count: 0, limited: false, retryAfterSeconds: 0 };
  return {
    count: row.count,
    limited: row.count >= rule.limit,
    retryAfterSeconds: Math.max(1, Math.ceil((row.windowEndsAt.getTime() - Date.now()) / 1000)),
  };
}

/** Reads a counter without counting (e.g. before checking a password). */
export async function peekRateLimit(db: Db, key: string, rule: RateLimitRule): Promise<RateLimitState> {
  const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, storedKey(key)));
  return stateOf(row, rule);
}

/** Counts one event in a fixed window, atomically in one statement (safe across app instances). */
export async function hitRateLimit(db: Db, key: string, rule: RateLimitRule): Promise<RateLimitState> {
  const windowEnds = sql`now() + make_interval(secs => ${rule.windowSeconds})`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key: storedKey(key), count: 1, windowEndsAt: windowEnds })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowEndsAt} <= now() then 1 else ${rateLimits.count} + 1 end`,
        windowEndsAt: sql`case when ${rateLimits.windowEndsAt} <= now() then ${windowEnds} else ${rateLimits.windowEndsAt} end`,
      },
    })
    .returning();
  const state = stateOf(row, rule);
  // The hit that reaches the limit is still allowed; the next one is refused.
  return { ...state, limited: state.count > rule.limit };
}

export async function resetRateLimit(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, storedKey(key)));
}
