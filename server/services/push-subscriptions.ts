import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { pushSubscriptions } from "@/db/schema";
import type { Db } from "@/db/types";
import { recordAudit } from "../audit/record";
import { env } from "../env";
import { isAllowedPushEndpoint, PUSH_ENDPOINT_REFUSED } from "../notifications/push-endpoint";

type Meta = { ip?: string | null; userAgent?: string | null };

const base64url = (min: number, max: number) => z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, "must be base64url").min(min).max(max);

/**
 * What PushSubscription.toJSON() gives in the browser. The endpoint must be on a known push
 * service (or a host in WARD_PUSH_HOSTS): anything else would let a user make the server POST to
 * arbitrary internal addresses (server/notifications/push-endpoint.ts).
 */
export const pushSubscriptionInput = z.object({
  endpoint: z
    .string()
    .max(2048)
    .refine((value) => isAllowedPushEndpoint(value, env().pushHosts), PUSH_ENDPOINT_REFUSED),
  // p256dh: an uncompressed P-256 point (65 bytes, 87 chars); auth: 16 bytes (22 chars).
  keys: z.object({ p256dh: base64url(80, 100), auth: base64url(16, 32) }),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInput>;

/**
 * Saves the browser's subscription for this user. The endpoint is unique: a browser that was
 * subscribed under another account (shared device, new sign-in) moves to the current user, so
 * the previous account stops getting pushes on it.
 */
export async function subscribePush(db: Db, userId: string, input: PushSubscriptionInput, meta: Meta = {}) {
  const parsed = pushSubscriptionInput.safeParse(input);
  if (!parsed.success) throw new TRPCError({ code: "BAD_REQUEST", message: parsed.error.issues[0]?.message ?? "Invalid subscription." });
  const { endpoint, keys } = parsed.data;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(pushSubscriptions)
      .values({ userId, endpoint, p256dh: keys.p256dh, auth: keys.auth, userAgent: meta.userAgent ?? null })
      .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId, p256dh: keys.p256dh, auth: keys.auth, userAgent: meta.userAgent ?? null } })
      .returning({ id: pushSubscriptions.id });
    await recordAudit(tx, {
      actor: { kind: "user", id: userId },
      action: "push.subscribed",
      target: { type: "push_subscription", id: row!.id },
      subjectUserId: userId,
      ...meta,
    });
    return { id: row!.id };
  });
}

/** Removes one of the user's subscriptions by endpoint; someone else's endpoint is left alone. */
export async function unsubscribePush(db: Db, userId: string, endpoint: string, meta: Meta = {}): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .delete(pushSubscriptions)
      .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
      .returning({ id: pushSubscriptions.id });
    if (rows.length === 0) return false;
    await recordAudit(tx, {
      actor: { kind: "user", id: userId },
      action: "push.unsubscribed",
      target: { type: "push_subscription", id: rows[0]!.id },
      subjectUserId: userId,
      ...meta,
    });
    return true;
  });
}

export async function countPushSubscriptions(db: Db, userId: string): Promise<number> {
  return db.$count(pushSubscriptions, eq(pushSubscriptions.userId, userId));
}

/** Whether this endpoint (one browser) is subscribed for this user: the settings page's toggle state. */
export async function isPushSubscribed(db: Db, userId: string, endpoint: string): Promise<boolean> {
  return (await db.$count(pushSubscriptions, and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))) > 0;
}
