/**
 * This browser's web push subscription (F10), through the service worker's PushManager. The
 * server only ever learns the subscription's endpoint and keys; the browser holds the rest.
 */

export type PushSupport = "supported" | "unsupported" | "denied";

/** Whether this browser can receive Ward's pushes at all, and whether the user blocked them. */
export function pushSupport(): PushSupport {
  if (typeof window === "undefined" || !("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return "unsupported";
  return Notification.permission === "denied" ? "denied" : "supported";
}

async function registration(): Promise<ServiceWorkerRegistration | null> {
  if (!("serviceWorker" in navigator)) return null;
  // The worker registers in production builds only; without one there is nothing to push to.
  return (await navigator.serviceWorker.getRegistration("/")) ?? null;
}

/** Subscribing needs an active worker; a first visit may still be installing it (never wait forever). */
async function activeRegistration(): Promise<ServiceWorkerRegistration | null> {
  if (!(await registration())) return null;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

export async function currentPushSubscription(): Promise<PushSubscription | null> {
  try {
    return (await (await registration())?.pushManager.getSubscription()) ?? null;
  } catch {
    return null;
  }
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function sameKey(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  const view = new Uint8Array(a);
  return view.every((byte, i) => byte === b[i]);
}

export class PushSetupError extends Error {}

/**
 * Asks for permission and subscribes with the server's VAPID key. A subscription made for another
 * key (the server's keys changed) is replaced: the push service would refuse the server's sends.
 * Answers the subscription as JSON for the server ({endpoint, keys: {p256dh, auth}}).
 */
export async function subscribeThisBrowser(vapidPublicKey: string) {
  const reg = await activeRegistration();
  if (!reg) throw new PushSetupError("Ward's app is still being set up in this browser. Reload the page and try again.");
  const permission = await Notification.requestPermission();
  if (permission !== "granted") {
    throw new PushSetupError(
      permission === "denied"
        ? "Notifications are blocked for this site. Allow them in your browser's site settings, then try again."
        : "Notifications were not allowed. Try again and choose Allow.",
    );
  }
  const key = keyBytes(vapidPublicKey);
  let subscription = await reg.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  try {
    subscription ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  } catch (error) {
    const detail = error instanceof Error && error.message ? ` (${error.message})` : "";
    throw new PushSetupError(`This browser could not reach its push service${detail}. Check the connection and try again.`);
  }
  const json = subscription.toJSON();
  return { endpoint: json.endpoint ?? subscription.endpoint, keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" } };
}

/** Ends this browser's subscription; answers the endpoint the server should forget, if there was one. */
export async function unsubscribeThisBrowser(): Promise<string | null> {
  const subscription = await currentPushSubscription();
  if (!subscription) return null;
  await subscription.unsubscribe().catch(() => false);
  return subscription.endpoint;
}
