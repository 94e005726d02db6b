/**
 * Web push from push_outbox: one row per notification and browser, queued by notify(). Runs in
 * the deliver-outbox task's transaction (see deliver-outbox.ts for the locking and the "at least
 * once"). A browser whose push service fails is retried on its own; the others are not re-sent.
 */
import { and, asc, eq, lte, sql } from "drizzle-orm";
import { notifications, pushOutbox, pushSubscriptions } from "@/db/schema";
import type { Db } from "@/db/types";
import { env } from "../env";
import { PUSH_TTL_SECONDS, sendPushMessage, type PushResponse, type Vapid } from "../notifications/push";
import { isAllowedPushEndpoint } from "../notifications/push-endpoint";

export const MAX_PUSH_ATTEMPTS = 5;
// Minutes to wait after the 1st to 4th failure (the 5th gives up): 81 minutes in all, so an outage
// of a push service is bridged well within the message's TTL.
const BACKOFF_MINUTES = [1, 5, 15, 60];
// A push service asking for more than this is not waited for in full: by then the message is stale.
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * What a push service's status means (RFC 8030): 2xx delivered; 404/410 the browser dropped the
 * subscription; 429, 5xx and no answer (0) are worth retrying; any other status (400 malformed,
 * 403 VAPID key mismatch, 413 too large, a 3xx) would be refused again the same way.
 */
export function pushOutcome(status: number): "sent" | "gone" | "retry" | "reject" {
  if (status >= 200 && status < 300) return "sent";
  if (status === 404 || status === 410) return "gone";
  if (status === 0 || status === 429 || status >= 500) return "retry";
  return "reject";
}

/** Retry-After as milliseconds from now: delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date starts with the day's name; Date.parse alone would also take "-5" as a year.
  const at = /^[A-Za-z]/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** Wait after the attempts-th failure: the backoff, or longer if the push service asked (capped). */
export function pushRetryDelayMs(attempts: number, retryAfter: string | null, now: Date): number {
  const backoff = BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1]! * 60_000;
  return Math.max(backoff, Math.min(retryAfterMs(retryAfter, now) ?? 0, MAX_RETRY_AFTER_MS));
}

/**
 * The due scan: pending rows whose time has come, oldest first, locked (only the outbox rows, not
 * the notification or subscription) so that another instance skips them. status = 'pending' is
 * a literal, not a parameter: with a parameter a generic plan could not use the partial index.
 */
export function duePushQuery(db: Db, now: Date, batch: number) {
  return db
    .select({
      id: pushOutbox.id,
      attempts: pushOutbox.attempts,
      notification: {
        id: notifications.id,
        userId: notifications.userId,
        kind: notifications.kind,
        title: notifications.title,
        body: notifications.body,
        link: notifications.link,
        createdAt: notifications.createdAt,
      },
      subscription: { id: pushSubscriptions.id, userId: pushSubscriptions.userId, endpoint: pushSubscriptions.endpoint, p256dh: pushSubscriptions.p256dh, auth: pushSubscriptions.auth },
    })
    .from(pushOutbox)
    .innerJoin(notifications, eq(notifications.id, pushOutbox.notificationId))
    .innerJoin(pushSubscriptions, eq(pushSubscriptions.id, pushOutbox.subscriptionId))
    .where(and(sql`${pushOutbox.status} = 'pending'`, lte(pushOutbox.nextAttemptAt, now)))
    .orderBy(asc(pushOutbox.nextAttemptAt))
    .limit(batch)
    .for("update", { of: pushOutbox, skipLocked: true });
}

type DueRow = Awaited<ReturnType<typeof duePushQuery>>[number];
type RowUpdate = Partial<typeof pushOutbox.$inferInsert>;

/** Sends one row, or decides not to; answers its new state, or "gone" for a dropped subscription. */
async function attempt(row: DueRow, now: Date, vapid: Vapid): Promise<RowUpdate | "gone"> {
  const { notification: n, subscription } = row;
  const expiresAt = n.createdAt.getTime() + PUSH_TTL_SECONDS * 1000;
  // The push service would drop it anyway, and "your device is out of compliance" a day late misleads.
  if (now.getTime() >= expiresAt) return { status: "failed", lastError: "expired before it could be sent" };
  // The browser signed in to another account since: the previous account's pushes stop there.
  if (subscription.userId !== n.userId) return { status: "failed", lastError: "subscription moved to another account" };
  // Checked again here, not only on subscribe: rows stored before the allowlist or WARD_PUSH_HOSTS changed.
  if (!isAllowedPushEndpoint(subscription.endpoint, env().pushHosts)) return { status: "failed", lastError: "push service host not allowed" };

  const attempts = row.attempts + 1;
  let response: PushResponse;
  try {
    response = await sendPushMessage(subscription, { id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link }, vapid);
  } catch {
    return { status: "failed", attempts, lastError: "could not encrypt for this subscription's keys" };
  }
  const outcome = pushOutcome(response.status);
  if (outcome === "gone") return "gone";
  if (outcome === "sent") return { status: "sent", attempts, sentAt: now, lastError: null };
  const lastError = response.status ? `HTTP ${response.status}` : (response.error ?? "no response");
  if (outcome === "reject" || attempts >= MAX_PUSH_ATTEMPTS) return { status: "failed", attempts, lastError };
  const next = now.getTime() + pushRetryDelayMs(attempts, response.retryAfter, now);
  if (next >= expiresAt) return { status: "failed", attempts, lastError };
  return { status: "pending", attempts, lastError, nextAttemptAt: new Date(next) };
}

/** Sends the due pushes (none while push is off: they wait); answers how many rows it handled. */
export async function deliverPush(db: Db, now: Date, vapid: Vapid | null, batch: number): Promise<number> {
  if (!vapid) return 0;
  const due = await duePushQuery(db, now, batch);
  const gone = new Set<string>();
  for (const row of due) {
    // Deleted (with its subscription) by a 404/410 earlier in this batch.
    if (gone.has(row.subscription.id)) continue;
    const update = await attempt(row, now, vapid);
    if (update === "gone") {
      gone.add(row.subscription.id);
      await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, row.subscription.id));
      continue;
    }
    await db.update(pushOutbox).set(update).where(eq(pushOutbox.id, row.id));
    if (update.status === "sent") await db.update(pushSubscriptions).set({ lastUsedAt: now }).where(eq(pushSubscriptions.id, row.subscription.id));
  }
  return due.length;
}
