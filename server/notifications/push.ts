import fs from "node:fs";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import webpush from "web-push";
import { pushSubscriptions } from "@/db/schema";
import type { Db } from "@/db/types";
import { env } from "../env";

export type Vapid = { publicKey: string; privateKey: string; subject: string };
/** What the service worker receives (JSON): it shows title/body and opens `link` on click. */
export type PushPayload = { id: string; kind: string; title: string; body: string; link: string | null };
export type PushResult = { sent: number; failed: number; removed: number };

let cached: Vapid | null | undefined;

/**
 * VAPID keys from the environment, or in demo mode a pair generated on first start and kept
 * (mode 0600) in the data folder, like the auth secret: subscriptions are bound to the public
 * key, so it must survive restarts. Null outside demo without keys: push is off.
 */
export function vapidConfig(): Vapid | null {
  if (cached !== undefined) return cached;
  const { vapid, vapidSubject, demo, dataDir } = env();
  if (vapid) return (cached = { ...vapid, subject: vapidSubject });
  if (!demo) return (cached = null);
  const file = path.resolve(dataDir, "vapid-keys.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, JSON.stringify(webpush.generateVAPIDKeys()), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const keys = JSON.parse(fs.readFileSync(file, "utf8")) as { publicKey: string; privateKey: string };
  return (cached = { publicKey: keys.publicKey, privateKey: keys.privateKey, subject: vapidSubject });
}

/**
 * Sends one encrypted message (aes128gcm, RFC 8291) with VAPID (RFC 8292). web-push builds the
 * request; we send it with fetch because web-push's own sender only speaks https, and tests (and
 * nothing else) use a push service on http://127.0.0.1.
 */
export async function sendPushMessage(
  subscription: { endpoint: string; p256dh: string; auth: string },
  payload: PushPayload,
  vapid: Vapid,
): Promise<number> {
  const request = webpush.generateRequestDetails(
    { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
    JSON.stringify(payload),
    // A day: a phone that is off for a night still gets "your device is out of compliance".
    { vapidDetails: vapid, TTL: 86_400, contentEncoding: "aes128gcm", urgency: "normal" },
  );
  const response = await fetch(request.endpoint, {
    method: request.method,
    headers: request.headers as Record<string, string>,
    body: new Uint8Array(request.body),
    signal: AbortSignal.timeout(10_000),
  });
  await response.body?.cancel();
  return response.status;
}

/**
 * Sends to every subscription of the user. 404/410 mean the browser dropped the subscription:
 * it is deleted so we stop trying. Other errors (5xx, 429, network) keep it and count as failed.
 */
export async function sendPushToUser(db: Db, userId: string, payload: PushPayload, vapid: Vapid, now = new Date()): Promise<PushResult> {
  const subs = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
  const result: PushResult = { sent: 0, failed: 0, removed: 0 };
  const gone: string[] = [];
  const delivered: string[] = [];
  for (const sub of subs) {
    const status = await sendPushMessage(sub, payload, vapid).catch(() => 0);
    if (status >= 200 && status < 300) delivered.push(sub.id);
    else if (status === 404 || status === 410) gone.push(sub.id);
    else result.failed++;
  }
  if (gone.length > 0) await db.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, gone));
  if (delivered.length > 0) await db.update(pushSubscriptions).set({ lastUsedAt: now }).where(inArray(pushSubscriptions.id, delivered));
  result.sent = delivered.length;
  result.removed = gone.length;
  return result;
}
