import fs from "node:fs";
import path from "node:path";
import webpush from "web-push";
import { env } from "../env";

export type Vapid = { publicKey: string; privateKey: string; subject: string };
/** What the service worker receives (JSON): it shows title/body and opens `link` on click. */
export type PushPayload = { id: string; kind: string; title: string; body: string; link: string | null };
/**
 * The push service's answer: its HTTP status and Retry-After header, or status 0 and a short
 * error code (ECONNREFUSED, TimeoutError…) when no answer came.
 */
export type PushResponse = { status: number; retryAfter: string | null; error?: string };

/** How long push services keep a message for an offline browser; older ones are not worth sending. */
export const PUSH_TTL_SECONDS = 86_400;

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
 * nothing else) use a push service on http://127.0.0.1. Throws only when the request cannot be
 * built (keys web-push cannot use): retrying would not help.
 */
export async function sendPushMessage(
  subscription: { endpoint: string; p256dh: string; auth: string },
  payload: PushPayload,
  vapid: Vapid,
): Promise<PushResponse> {
  const request = webpush.generateRequestDetails(
    { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
    JSON.stringify(payload),
    // A day: a phone that is off for a night still gets "your device is out of compliance".
    { vapidDetails: vapid, TTL: PUSH_TTL_SECONDS, contentEncoding: "aes128gcm", urgency: "normal" },
  );
  let response: Response;
  try {
    response = await fetch(request.endpoint, {
      method: request.method,
      headers: request.headers as Record<string, string>,
      body: new Uint8Array(request.body),
      // Push services do not redirect; following one could lead anywhere (SSRF), so a 3xx is an answer.
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    // fetch hides the reason in `cause`; keep only its code, never a message that may quote the URL.
    const cause = (error as { cause?: { code?: unknown } }).cause;
    return { status: 0, retryAfter: null, error: typeof cause?.code === "string" ? cause.code : (error as Error).name };
  }
  await response.body?.cancel();
  return { status: response.status, retryAfter: response.headers.get("retry-after") };
}
