import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { chromiumPath, describeWithBrowser } from "../support/browser";
import { PHONE, signInAs } from "../support/portal-browser";

// F24. A persistent profile: in a normal (incognito-like) context Chrome answers every
// installability check with "in-incognito" (STACK-NOTES).
const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const swFile = path.resolve(import.meta.dirname, "../../public/sw.js");

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
        entries.push({ cache: name, url: new URL(request.url).pathname, type, personal: /Hello, |@ward\.example/.test(body) });
      }
    }
    return entries;
  });
}

describeWithBrowser("installable app and offline shell", () => {
  let app: AppServer;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  beforeAll(async () => {
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "ward-pwa-"));
    [app, context] = await Promise.all([startApp(), chromium.launchPersistentContext(profile, { executablePath: chromiumPath!, args, viewport: PHONE })]);
    page = context.pages()[0] ?? (await context.newPage());
  });
  afterAll(async () => {
    await context?.close();
    await app?.stop();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  it("has a complete manifest and no installability errors for the portal", async () => {
    await signInAs(page, app, "sam.taylor@ward.example");
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

  it("shows the offline page when reloaded without a connection after one online visit", async () => {
    await page.goto(`${app.url}/`);
    await page.getByRole("heading", { level: 1, name: "Hello, Sam" }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await context.setOffline(true);
    try {
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "You're offline" }).waitFor({ timeout: 5_000 });
      expect(await page.getByText("Lost a device?").count()).toBeGreaterThan(0);
    } finally {
      await context.setOffline(false);
    }
  });

  it("keeps no personal page in the caches and serves none after sign-out", async () => {
    await page.goto(`${app.url}/`);
    await page.getByRole("heading", { level: 1, name: "Hello, Sam" }).waitFor();
    const before = await cachedEntries(page);
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((entry) => entry.type.includes("html")).map((entry) => entry.url)).toEqual(["/offline"]);
    expect(before.filter((entry) => entry.personal)).toEqual([]);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    const after = await cachedEntries(page);
    expect(after.filter((entry) => entry.type.includes("html") || entry.personal)).toEqual([]);

    await context.setOffline(true);
    try {
      await page.goto(`${app.url}/`).catch(() => undefined);
      await page.getByRole("heading", { level: 1, name: "You're offline" }).waitFor({ timeout: 5_000 });
      expect(await page.getByText("Hello, Sam").count()).toBe(0);
    } finally {
      await context.setOffline(false);
    }
  });

  it("offers the new version when a new service worker is waiting", async () => {
    const original = fs.readFileSync(swFile, "utf8");
    const stat = fs.statSync(swFile);
    try {
      await signInAs(page, app, "sam.taylor@ward.example");
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      // A new build changes sw.js; `next start` serves public/ from disk, so change it in place.
      fs.writeFileSync(swFile, `${original}\n// test build ${Date.now()}\n`);
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
      // Put the build's own worker back, with its time, so the build does not look stale.
      fs.writeFileSync(swFile, original);
      fs.utimesSync(swFile, stat.atime, stat.mtime);
    }
  });
});
