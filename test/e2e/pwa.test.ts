import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { settings } from "@/db/schema";
import { getSupport, type Support } from "@/server/services/settings";
import { startApp, type AppServer } from "../support/app-server";
import { chromiumPath, describeWithBrowser } from "../support/browser";
import { PHONE, expectAccessible, screenshot, signInAs } from "../support/portal-browser";

// F24. A persistent profile: in a normal (incognito-like) context Chrome answers every
// installability check with "in-incognito" (STACK-NOTES).
const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const root = path.resolve(import.meta.dirname, "../..");
// The built worker, served at /sw.js from the build folder (app/sw.js/route.ts reads it per request).
const swFile = path.join(root, process.env.WARD_DIST_DIR || ".next", "ward-sw.js");
const SAM = "sam.taylor@ward.example";
/** The support phone an administrator changes to, mid-test. */
const NEW_PHONE = "+1 555 0199";

/** Every cached entry in Cache Storage, with its content type and whether it looks personal. */
async function cachedEntries(page: Page) {
  return page.evaluate(async () => {
    const entries: { cache: string; url: string; type: string; personal: boolean }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        const type = response?.headers.get("content-type") ?? "";
        const body = type.includes("html") || type.includes("x-component") || type.includes("json") ? await response!.clone().text() : "";
        // Sam's greeting, name or address (the support address on the offline page is the organization's).
        entries.push({ cache: name, url: new URL(request.url).pathname, type, personal: /Hello, |Sam Taylor|sam\.taylor@/i.test(body) });
      }
    }
    return entries;
  });
}

/** The service worker's own copy of the offline page ("ward-offline"), or null. */
function keptOfflinePage(page: Page) {
  return page.evaluate(async () => {
    const kept = await caches.match("/offline", { cacheName: "ward-offline" });
    return kept ? { fetchedAt: Number(kept.headers.get("X-Ward-Fetched-At")), html: await kept.text() } : null;
  });
}

/** Sam's home page, signing in first when the session is gone (the app restarts mid-file). */
async function samAtHome(page: Page, app: AppServer): Promise<void> {
  await page.goto(`${app.url}/`);
  if (new URL(page.url()).pathname === "/signin") await signInAs(page, app, SAM);
  else await page.getByRole("heading", { level: 1, name: "Hello, Sam" }).waitFor();
}

/** `dialable` as the offline page links it: "+1 555 0100" -> "tel:+15550100". */
const tel = (phone: string) => `tel:${phone.replace(/[^\d+]/g, "")}`;

describeWithBrowser("installable app and offline shell", () => {
  let app: AppServer;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let support: Support;
  beforeAll(async () => {
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "ward-pwa-"));
    [app, context] = await Promise.all([
      // The contact the demo seed publishes, as the app reads it.
      startApp({ prepare: async (db) => void (support = await getSupport(db)) }),
      chromium.launchPersistentContext(profile, { executablePath: chromiumPath!, args, viewport: PHONE }),
    ]);
    await context.grantPermissions(["notifications"], { origin: app.url });
    page = context.pages()[0] ?? (await context.newPage());
  });
  afterAll(async () => {
    await context?.close();
    await app?.stop();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  it("has a complete manifest and no installability errors for the portal", async () => {
    await signInAs(page, app, SAM);
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).toBe("/manifest.webmanifest");
    const manifest = await (await fetch(`${app.url}${href}`)).json();
    expect(manifest).toMatchObject({ start_url: "/", scope: "/", display: "standalone" });
    expect(manifest.name).toMatch(/\S/);
    const icons = manifest.icons as { sizes: string; purpose?: string; src: string }[];
    expect(icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(icons.some((icon) => icon.purpose?.includes("maskable"))).toBe(true);
    for (const icon of icons) expect((await fetch(`${app.url}${icon.src}`)).headers.get("content-type")).toBe("image/png");

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
    await cdp.detach();
  });

  it("shows the offline page, with IT support's phone and email, when reloaded without a connection", async () => {
    expect(support.phone).toBeTruthy();
    expect(support.email).toBeTruthy();
    // Rendered per request from the settings, the same for everybody, with the site's strict headers.
    const online = await fetch(`${app.url}/offline`);
    expect(online.status).toBe(200);
    expect(await online.text()).toContain(support.phone);
    expect(online.headers.get("set-cookie")).toBeNull();
    expect(online.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(online.headers.get("cache-control")).toContain("no-store");
    await page.goto(`${app.url}/`);
    await page.getByRole("heading", { level: 1, name: "Hello, Sam" }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // The worker fetched its own copy of the offline page at install.
    await expect.poll(() => keptOfflinePage(page)).not.toBeNull();
    await context.setOffline(true);
    try {
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "You're offline" }).waitFor({ timeout: 5_000 });
      expect(await page.getByText("Lost a device?").count()).toBeGreaterThan(0);
      const contact = page.getByRole("region", { name: "Contact IT support" });
      expect(await contact.getByRole("link", { name: support.phone! }).getAttribute("href")).toBe(tel(support.phone!));
      expect(await contact.getByRole("link", { name: support.email! }).getAttribute("href")).toBe(`mailto:${support.email}`);
      // Phone-first: nothing wider than the smallest phone.
      await page.setViewportSize({ width: 320, height: 640 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await expectAccessible(page, "the offline page");
      await screenshot(page, "offline-320");
    } finally {
      await page.setViewportSize(PHONE);
      await context.setOffline(false);
    }
  });

  it("picks up a changed support phone in its offline copy, at most hourly, after an online visit", async () => {
    const before = await keptOfflinePage(page);
    expect(before?.html).toContain(support.phone);
    // An administrator changes the support phone. The embedded database belongs to the running
    // server, so the change is made between two runs of the app at the same address (the browser,
    // its service worker and its caches stay as they are): its settings row, as the app stores it.
    // (Away from Ward first, so no open page holds a connection that delays the shutdown.)
    await page.goto("about:blank");
    await app.stop();
    app = await startApp({
      port: app.port,
      prepare: async (db) => {
        await db.update(settings).set({ value: { ...support, phone: NEW_PHONE }, updatedAt: new Date() }).where(eq(settings.key, "support"));
        expect((await getSupport(db)).phone).toBe(NEW_PHONE);
      },
    });
    expect(await (await fetch(`${app.url}/offline`)).text()).toContain(NEW_PHONE);

    // Online again; the copy is less than an hour old, so it is not fetched again.
    await page.goto(`${app.url}/signin`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.waitForTimeout(300);
    expect(await keptOfflinePage(page)).toEqual(before);

    // An hour later (the copy made to look an hour old), the next visit refreshes it in the background.
    await page.evaluate(async () => {
      const cache = await caches.open("ward-offline");
      const kept = (await cache.match("/offline"))!;
      const headers = new Headers(kept.headers);
      headers.set("X-Ward-Fetched-At", String(Date.now() - 61 * 60 * 1000));
      await cache.put("/offline", new Response(await kept.blob(), { status: 200, headers }));
    });
    await page.goto(`${app.url}/signin`);
    await expect.poll(async () => (await keptOfflinePage(page))?.html.includes(NEW_PHONE), { timeout: 5_000 }).toBe(true);
    expect((await keptOfflinePage(page))!.fetchedAt).toBeGreaterThan(Date.now() - 60_000);

    await context.setOffline(true);
    try {
      await page.reload();
      const contact = page.getByRole("region", { name: "Contact IT support" });
      await contact.waitFor({ timeout: 5_000 });
      expect(await contact.getByRole("link", { name: NEW_PHONE }).getAttribute("href")).toBe(tel(NEW_PHONE));
      expect(await page.getByText(support.phone!).count()).toBe(0);
    } finally {
      await context.setOffline(false);
    }
  });

  it("keeps no personal page in the caches and serves none after sign-out", async () => {
    await signInAs(page, app, SAM);
    await page.goto(`${app.url}/`);
    await page.getByRole("heading", { level: 1, name: "Hello, Sam" }).waitFor();
    const before = await cachedEntries(page);
    expect(before.length).toBeGreaterThan(0);
    // HTML: only the offline page (the build's precached copy and the worker's fresher one).
    const html = before.filter((entry) => entry.type.includes("html"));
    expect(html.map((entry) => entry.url)).toEqual(["/offline", "/offline"]);
    expect(html.map((entry) => entry.cache)).toContain("ward-offline");
    expect(before.filter((entry) => entry.personal)).toEqual([]);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    // Sign-out cleared every cache; the sign-in page's visit may have fetched the offline page
    // again (without cookies: the same page for everybody). Nothing else.
    const after = await cachedEntries(page);
    expect(after.filter((entry) => entry.personal)).toEqual([]);
    expect(after.filter((entry) => entry.type.includes("html") && !(entry.cache === "ward-offline" && entry.url === "/offline"))).toEqual([]);

    await context.setOffline(true);
    try {
      await page.goto(`${app.url}/`).catch(() => undefined);
      await page.getByRole("heading", { level: 1, name: "You're offline" }).waitFor({ timeout: 5_000 });
      expect(await page.getByText("Hello, Sam").count()).toBe(0);
      expect(await page.getByText("Lost a device?").count()).toBeGreaterThan(0);
    } finally {
      await context.setOffline(false);
    }
  });

  describePush();

  it("offers the new version when a new service worker is waiting", async () => {
    const original = fs.readFileSync(swFile, "utf8");
    const stat = fs.statSync(swFile);
    const changed = `${original}\n// test build ${Date.now()}\n`;
    try {
      await samAtHome(page, app);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      // A new build changes the worker; /sw.js is read from the build folder per request, so change it in place.
      fs.writeFileSync(swFile, changed);
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration?.update()));
      const banner = page.getByRole("status").filter({ hasText: "A new version is ready" });
      await banner.waitFor({ timeout: 10_000 });
      const before = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
      expect(before).toBe(`${app.url}/sw.js`);
      await Promise.all([page.waitForEvent("load"), banner.getByRole("button", { name: "Reload" }).click()]);
      await page.getByRole("heading", { level: 1, name: "Hello, Sam" }).waitFor();
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null))).toBeNull();
      expect(await banner.count()).toBe(0);
    } finally {
      // Put the build's own worker back, with its time, so the build does not look stale (unless a
      // build wrote a new one meanwhile).
      if (fs.readFileSync(swFile, "utf8") === changed) {
        fs.writeFileSync(swFile, original);
        fs.utimesSync(swFile, stat.atime, stat.mtime);
      }
    }
  });

  /**
   * Web push (F10) as far as the service worker goes. The browser's own push service (FCM for
   * Chromium) cannot be reached here, so the message is injected where it arrives in the browser:
   * DevTools' ServiceWorker.deliverPushMessage fires the worker's real `push` event with our data.
   *
   * A click on a notification cannot be made in headless Chromium: it shows no platform
   * notifications and DevTools has no command to click one. So the test dispatches a
   * `notificationclick` event, with the shown Notification, on the worker itself (through
   * DevTools, like the console), which runs the worker's real listener. Such an event is not
   * trusted, and that has two consequences in Chrome, so two things stay untested here:
   * - `clients.openWindow()` (no Ward window open) is refused ("Not allowed to open a window"):
   *   Chrome allows it only during a trusted click. The URL it would open is the same one a
   *   window is navigated to, which is tested.
   * - `WindowClient.focus()` is refused likewise; the worker treats focusing as best effort.
   * The untrusted event's own waitUntil() throws, so the test captures the listener's promise by
   * giving the event a waitUntil of its own, and waits for it.
   */
  function describePush() {
    let cdp: CDPSession;
    let registrationId = "";

    type Shown = { title: string; body: string; tag: string; data: { link?: string } | null };
    /** The shown notifications with this tag ("" for none: getNotifications() has no filter for that). */
    const shownNotifications = (tag: string) =>
      page.evaluate(async (tag) => {
        const registration = await navigator.serviceWorker.ready;
        const shown = await registration.getNotifications();
        return shown.filter((n) => n.tag === tag).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data }) as Shown);
      }, tag);

    async function push(data: string): Promise<void> {
      await cdp.send("ServiceWorker.deliverPushMessage", { origin: app.url, registrationId, data });
    }

    async function waitForNotification(tag: string): Promise<Shown> {
      // Generous: on a loaded machine the worker may first have to be started for the push event.
      await expect.poll(() => shownNotifications(tag), { timeout: 15_000 }).toHaveLength(1);
      return (await shownNotifications(tag))[0]!;
    }

    /** Dispatches `notificationclick` for the shown notification on the worker; resolves when it is handled. */
    async function click(tag: string): Promise<void> {
      const worker: Worker = context.serviceWorkers().find((w) => w.url() === `${app.url}/sw.js`) ?? (await context.waitForEvent("serviceworker"));
      await worker.evaluate(async (tag) => {
        type Scope = { registration: { getNotifications(filter: { tag: string }): Promise<unknown[]> }; dispatchEvent(event: Event): boolean };
        const scope = globalThis as unknown as Scope;
        const NotificationEvent = (globalThis as unknown as { NotificationEvent: new (type: string, init: { notification: unknown }) => Event }).NotificationEvent;
        const [notification] = await scope.registration.getNotifications({ tag });
        if (!notification) throw new Error(`no notification ${tag}`);
        const event = new NotificationEvent("notificationclick", { notification });
        let handled: Promise<unknown> = Promise.resolve();
        Object.defineProperty(event, "waitUntil", { value: (promise: Promise<unknown>) => void (handled = promise) });
        scope.dispatchEvent(event);
        await handled;
      }, tag);
    }

    it("shows a pushed notification with its title, body, tag and link", async () => {
      await samAtHome(page, app);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      expect(await page.evaluate(() => Notification.permission)).toBe("granted");
      cdp = await context.newCDPSession(page);
      const registered = new Promise<string>((resolve) =>
        cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
          const ours = registrations.find((registration) => !registration.isDeleted && registration.scopeURL === `${app.url}/`);
          if (ours) resolve(ours.registrationId);
        }),
      );
      await cdp.send("ServiceWorker.enable");
      registrationId = await registered;

      const payload = { id: "push-test-1", kind: "device_noncompliant", title: "Sam's iPhone is out of compliance", body: "Fix it by Friday to keep access.", link: "/notifications" };
      await push(JSON.stringify(payload));
      expect(await waitForNotification(payload.id)).toEqual({ title: payload.title, body: payload.body, tag: payload.id, data: { link: payload.link } });

      // Whatever arrives, the person still gets a notification that opens Ward's notifications.
      await push("not json");
      expect(await waitForNotification("")).toEqual({ title: "Ward", body: "", tag: "", data: { link: "/notifications" } });
    });

    it("a click navigates the open window to the notification's page on this site, and closes it", async () => {
      await page.goto(`${app.url}/`);
      await page.getByRole("heading", { level: 1, name: "Hello, Sam" }).waitFor();
      // navigate() works only on a window the worker controls: a page loaded after it took over.
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${app.url}/sw.js`);
      await Promise.all([page.waitForURL(`${app.url}/notifications`), click("push-test-1")]);
      await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
      expect(await shownNotifications("push-test-1")).toEqual([]);
    });

    it("a click on a notification linking off-site opens this site instead", async () => {
      const id = "push-test-offsite";
      await push(JSON.stringify({ id, kind: "device_noncompliant", title: "Action needed", body: "Sign in again", link: "https://evil.example/ward-login" }));
      expect((await waitForNotification(id)).data).toEqual({ link: "https://evil.example/ward-login" });
      await Promise.all([page.waitForURL(`${app.url}/`), click(id)]);
      await page.getByRole("heading", { level: 1, name: "Hello, Sam" }).waitFor();
      expect(await shownNotifications(id)).toEqual([]);
      await cdp.detach();
    });
  }
});
