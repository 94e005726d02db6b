// Ward's service worker (F24). Bundled by esbuild and given its precache manifest by workbox-build
// (server/pwa/build-sw.mjs) into public/sw.js, which is not committed.
//
// - The hashed, versioned build output (/_next/static/**) and the offline page are precached.
// - Navigations are network-only: HTML of personal pages is never stored, so nothing personal can
//   be served after sign-out. Offline, a navigation gets the precached offline page instead.
// - Everything else (API answers, RSC payloads, tRPC) is not routed here at all: straight to the network.
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from "workbox-precaching";
import { NavigationRoute, registerRoute, setCatchHandler } from "workbox-routing";
import { NetworkOnly } from "workbox-strategies";

// The DOM lib is in the project's tsconfig, not the webworker one: declare the little we use.
type MessageLike = { data?: { type?: string } };
type PushLike = { data: { json(): unknown } | null; waitUntil(promise: Promise<unknown>): void };
type ClickLike = { notification: { close(): void; data?: { link?: string } }; waitUntil(promise: Promise<unknown>): void };
type WindowClientLike = { url: string; focus(): Promise<unknown>; navigate(url: string): Promise<unknown> };
declare const self: {
  __WB_MANIFEST: Array<PrecacheEntry | string>;
  location: { origin: string };
  skipWaiting(): Promise<void>;
  registration: { showNotification(title: string, options: { body?: string; tag?: string; data?: unknown; icon?: string }): Promise<void> };
  clients: { matchAll(options: { type: "window"; includeUncontrolled: boolean }): Promise<WindowClientLike[]>; openWindow(url: string): Promise<unknown> };
  addEventListener(type: "message", listener: (event: MessageLike) => void): void;
  addEventListener(type: "push", listener: (event: PushLike) => void): void;
  addEventListener(type: "notificationclick", listener: (event: ClickLike) => void): void;
};

const OFFLINE_URL = "/offline";

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(new NavigationRoute(new NetworkOnly()));

// When the precache was cleared (sign-out clears every cache) the offline page may be gone: answer
// with a minimal one rather than the browser's error page.
const fallbackHtml =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
  "<title>Offline · Ward</title></head><body style=\"font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem\">" +
  "<main><h1>You're offline</h1><p>Ward needs a connection. Lost a device? Use any browser when you're online, or call IT.</p></main></body></html>";

setCatchHandler(async ({ request }) => {
  if (request.mode === "navigate" || request.destination === "document") {
    const cached = await matchPrecache(OFFLINE_URL);
    return cached ?? new Response(fallbackHtml, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
  }
  return Response.error();
});

// The update prompt ("A new version is ready. Reload") asks the waiting worker to take over.
self.addEventListener("message", (event) => {
  if (event.data?.type === "SKIP_WAITING") void self.skipWaiting();
});

// Web push (F10): the server sends {id, kind, title, body, link}; show it, and open its page on click.
self.addEventListener("push", (event) => {
  const payload = (event.data?.json() ?? {}) as { id?: string; title?: string; body?: string; link?: string };
  event.waitUntil(
    self.registration.showNotification(payload.title ?? "Ward", { body: payload.body, tag: payload.id, data: { link: payload.link ?? "/notifications" }, icon: "/icons/icon-192.png" }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  // Only pages of this site: a link is never taken from elsewhere.
  const target = new URL(event.notification.data?.link ?? "/notifications", self.location.origin);
  const url = target.origin === self.location.origin ? target.href : self.location.origin;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(async (windows) => {
      const open = windows[0];
      if (open) {
        await open.navigate(url);
        return open.focus();
      }
      return self.clients.openWindow(url);
    }),
  );
});
