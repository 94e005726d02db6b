// Ward's service worker (F24). Bundled by esbuild and given its precache manifest by workbox-build
// (server/pwa/build-sw.mjs) into the build folder, and served at /sw.js by app/sw.js/route.ts.
//
// - The hashed, versioned build output (/_next/static/**) and the offline page are precached.
// - Navigations are network-only: HTML of personal pages is never stored, so nothing personal can
//   be served after sign-out. Offline, a navigation gets the offline page instead.
// - The offline page shows the organization's IT support contact (settings), which can change
//   without a new build: besides the build's precached copy, a fresh copy is kept in its own small
//   cache ("ward-offline"), fetched at install and again in the background after a successful
//   navigation once the copy is an hour old. It is always fetched without cookies, so it can only
//   ever be the page everybody gets: no session, nothing personal.
// - Everything else (API answers, RSC payloads, tRPC) is not routed here at all: straight to the network.
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from "workbox-precaching";
import { NavigationRoute, registerRoute, setCatchHandler } from "workbox-routing";
import { NetworkOnly } from "workbox-strategies";

// The DOM lib is in the project's tsconfig, not the webworker one: declare the little we use.
type ExtendableLike = { waitUntil(promise: Promise<unknown>): void };
type MessageLike = { data?: { type?: string } };
type PushLike = ExtendableLike & { data: { json(): unknown } | null };
type ClickLike = ExtendableLike & { notification: { close(): void; data?: { link?: unknown } | null } };
type WindowClientLike = { url: string; focus(): Promise<unknown>; navigate(url: string): Promise<WindowClientLike | null> };
declare const self: {
  __WB_MANIFEST: Array<PrecacheEntry | string>;
  location: { origin: string };
  skipWaiting(): Promise<void>;
  registration: { showNotification(title: string, options: { body?: string; tag?: string; data?: unknown; icon?: string }): Promise<void> };
  clients: { matchAll(options: { type: "window"; includeUncontrolled: boolean }): Promise<WindowClientLike[]>; openWindow(url: string): Promise<unknown> };
  addEventListener(type: "install", listener: (event: ExtendableLike) => void): void;
  addEventListener(type: "message", listener: (event: MessageLike) => void): void;
  addEventListener(type: "push", listener: (event: PushLike) => void): void;
  addEventListener(type: "notificationclick", listener: (event: ClickLike) => void): void;
};

const OFFLINE_URL = "/offline";
const OFFLINE_CACHE = "ward-offline";
/** When the kept copy of the offline page was fetched (ms since the epoch), set by this worker. */
const FETCHED_AT = "X-Ward-Fetched-At";
const OFFLINE_MAX_AGE_MS = 60 * 60 * 1000;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// ---- The offline page ------------------------------------------------------------------------

/** Fetches the offline page (without cookies) into the offline cache; false when that failed. */
async function refreshOfflineCopy(): Promise<boolean> {
  try {
    const response = await fetch(OFFLINE_URL, { credentials: "omit", cache: "no-store", redirect: "error" });
    if (response.status !== 200 || !(response.headers.get("content-type") ?? "").startsWith("text/html")) return false;
    const headers = new Headers(response.headers);
    headers.set(FETCHED_AT, String(Date.now()));
    const copy = new Response(await response.blob(), { status: 200, statusText: "OK", headers });
    await (await caches.open(OFFLINE_CACHE)).put(OFFLINE_URL, copy);
    return true;
  } catch {
    return false;
  }
}

// One refresh at a time; after a failed one, wait a few minutes before the next try.
let refreshing: Promise<unknown> | null = null;
let failedAt = 0;

/** Refreshes the kept copy when it is missing or at least an hour old. */
function refreshOfflineCopyIfStale(): Promise<unknown> {
  refreshing ??= (async () => {
    const now = Date.now();
    if (now - failedAt < 5 * 60 * 1000) return;
    const kept = await caches.match(OFFLINE_URL, { cacheName: OFFLINE_CACHE });
    const fetchedAt = Number(kept?.headers.get(FETCHED_AT));
    if (kept && Number.isFinite(fetchedAt) && now - fetchedAt < OFFLINE_MAX_AGE_MS && fetchedAt <= now) return;
    if (!(await refreshOfflineCopy())) failedAt = Date.now();
  })()
    .catch(() => undefined)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

// A new worker (a new build) fetches its own copy, so the kept page and the precached assets it
// uses belong to the same build. If that fails, an older build's copy is dropped: the precached one
// (this build's) is shown instead.
self.addEventListener("install", (event) => {
  event.waitUntil(
    refreshOfflineCopy().then(async (fresh) => {
      if (!fresh) await caches.delete(OFFLINE_CACHE);
    }),
  );
});

// Network only; a successful navigation means we are online: a good moment to refresh the copy.
const network = new NetworkOnly();
registerRoute(
  new NavigationRoute(({ event, request }) => {
    const response = network.handle({ event, request });
    const refreshed = response.then((answer) => (answer.ok ? refreshOfflineCopyIfStale() : undefined)).catch(() => undefined);
    try {
      event.waitUntil(refreshed);
    } catch {
      // The event can no longer be extended: the refresh may be cut short, and the next visit retries.
    }
    return response;
  }),
);

// Sign-out clears every cache, the offline copies included (until the next navigation fetches a
// new one): then answer with a minimal page rather than the browser's error page.
const fallbackHtml =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
  "<title>Offline · Ward</title></head><body style=\"font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5\">" +
  "<main><h1>You're offline</h1><p>Ward needs a connection. Nothing is shown from memory, so nobody else can see your devices or requests on this device.</p>" +
  "<p><strong>Lost a device?</strong> Call your IT help desk right away, or use any browser when you're online.</p>" +
  '<p><a href="/">Try again</a></p></main></body></html>';

async function offlinePage(): Promise<Response> {
  const kept = (await caches.match(OFFLINE_URL, { cacheName: OFFLINE_CACHE })) ?? (await matchPrecache(OFFLINE_URL));
  return kept ?? new Response(fallbackHtml, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

setCatchHandler(async ({ request }) => {
  if (request.mode === "navigate" || request.destination === "document") return offlinePage();
  return Response.error();
});

// The update prompt ("A new version is ready. Reload") asks the waiting worker to take over.
self.addEventListener("message", (event) => {
  if (event.data?.type === "SKIP_WAITING") void self.skipWaiting();
});

// ---- Web push (F10) --------------------------------------------------------------------------

/** The server sends {id, kind, title, body, link}; anything unreadable still shows a notification. */
function readPush(event: PushLike): { title: string; body?: string; tag?: string; link: string } {
  let payload: Record<string, unknown> = {};
  try {
    const data = event.data?.json();
    if (data && typeof data === "object") payload = data as Record<string, unknown>;
  } catch {
    // Not JSON: fall through to the generic notification.
  }
  const text = (value: unknown) => (typeof value === "string" && value.trim() ? value : undefined);
  return { title: text(payload.title) ?? "Ward", body: text(payload.body), tag: text(payload.id), link: text(payload.link) ?? "/notifications" };
}

self.addEventListener("push", (event) => {
  const { title, body, tag, link } = readPush(event);
  event.waitUntil(self.registration.showNotification(title, { body, tag, data: { link }, icon: "/icons/icon-192.png" }));
});

/** Where a click leads: the notification's link when it is a page of this site, else the start page. */
function clickTarget(link: unknown): string {
  const origin = self.location.origin;
  try {
    const target = new URL(typeof link === "string" ? link : "/notifications", origin);
    if (target.origin === origin) return target.href;
  } catch {
    // Not a URL: the start page.
  }
  return `${origin}/`;
}

/**
 * Shows `url` in an open Ward window (the most recently focused one this worker can navigate:
 * navigate() works only on windows it controls), else in a new window. Focusing is best effort.
 */
async function openInWindow(url: string): Promise<void> {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const window of windows) {
    let navigated: WindowClientLike | null;
    try {
      navigated = await window.navigate(url);
    } catch {
      continue; // not controlled by this worker
    }
    await navigated?.focus().catch(() => undefined);
    return;
  }
  await self.clients.openWindow(url);
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  // Only pages of this site: a link is never taken from elsewhere.
  event.waitUntil(openInWindow(clickTarget(event.notification.data?.link)));
});
