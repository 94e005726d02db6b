import { createECDH, randomBytes } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import ece from "http_ece";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { appAndBrowser, type BrowserSuite } from "../support/app-and-browser";
import { SimulatedDevice } from "../simulator/simulated-device";
import { describeWithBrowser } from "../support/browser";
import { enrollmentCode, expectAccessible, phonePage, screenshot, signInAs } from "../support/portal-browser";

const SAM = "sam.taylor@ward.example";
// Push is tried by someone else: each user may have 5 devices, and Sam enrolls two below already.
const JOHAN = "johan.lindqvist@ward.example";

/** A push service on 127.0.0.1 that keeps what it receives (encrypted, as a real one would). */
function startPushService() {
  const received: { path: string; headers: http.IncomingHttpHeaders; body: Buffer }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(201).end();
    });
  });
  return { server, received };
}

/**
 * Chromium's real PushManager.subscribe() registers with Google's push service (FCM), which cannot
 * be reached from here. This stand-in, installed before the page's scripts run, answers with a
 * subscription on the local push service and keys made by the test, so the test can decrypt what
 * Ward sends. Everything else (permission prompt, service worker, Ward's page and server) is real.
 */
function fakePushManager({ endpoint, p256dh, auth }: { endpoint: string; p256dh: string; auth: string }) {
  const store = "ward-test-push-subscription";
  const make = (key: ArrayBuffer | null) => ({
    endpoint,
    options: { applicationServerKey: key, userVisibleOnly: true },
    toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
    unsubscribe: async () => (localStorage.removeItem(store), true),
  });
  const saved = () => {
    const key = localStorage.getItem(store);
    return key === null ? null : make(Uint8Array.from(JSON.parse(key) as number[]).buffer);
  };
  PushManager.prototype.getSubscription = async function () {
    return saved() as unknown as PushSubscription;
  };
  PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
    const key = new Uint8Array(options?.applicationServerKey as Uint8Array);
    localStorage.setItem(store, JSON.stringify([...key]));
    return saved() as unknown as PushSubscription;
  };
}

async function enrollDevice(page: Page, suite: BrowserSuite, model: string) {
  const device = new SimulatedDevice(
    suite.app.url,
    { platform: "android", osVersion: "14", model, manufacturer: "Google", serial: `SET${Date.now()}${suite.devices.length}` },
    { passcodeSet: true, encrypted: true, jailbroken: false },
  );
  suite.devices.push(device);
  await device.enroll(await enrollmentCode(page, "personal"));
}

async function mailboxSubjects(page: Page): Promise<string[]> {
  await page.goto(new URL("/mailbox", page.url()).href);
  await page.getByRole("heading", { level: 1, name: "Demo mailbox" }).waitFor();
  return page.locator("summary > span:first-child").allTextContents();
}

describeWithBrowser("notification settings, push on this device, and the demo mailbox", () => {
  const push = startPushService();
  // The local push service is on plain http://127.0.0.1, which Ward refuses unless told otherwise.
  const suite = appAndBrowser({ env: { WARD_PUSH_HOSTS: "127.0.0.1" } });
  beforeAll(async () => {
    push.server.listen(0, "127.0.0.1");
    await once(push.server, "listening");
  });
  afterAll(() => new Promise<void>((resolve) => push.server.close(() => resolve())));

  it("keeps e-mail choices, and the demo mailbox gets exactly what they allow", { timeout: 120_000 }, async () => {
    const page = await phonePage(suite.browser);
    await signInAs(page, suite.app, SAM);
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();

    // On by default: a new device on the account is e-mailed, with the "not you?" link.
    await enrollDevice(page, suite, "Pixel 8");
    const subjectsBefore = await mailboxSubjects(page);
    expect(subjectsBefore.filter((s) => s.endsWith("New device enrolled"))).toHaveLength(1);
    const mail = page.getByRole("listitem").filter({ hasText: "New device enrolled" });
    // Opened, the e-mail's text shows the device and the "not you?" link.
    await mail.locator("summary").click();
    const body = mail.locator("pre");
    await body.waitFor();
    expect(await body.innerText()).toMatch(/Pixel 8 was enrolled[\s\S]*Not you\? Report it: http:\/\/127\.0\.0\.1:\d+\/notifications/);
    await expectAccessible(page, "demo mailbox");

    // Turn it off; the choice survives a reload and the next enrollment sends no e-mail.
    await page.goto(`${suite.app.url}/settings`);
    const group = page.getByRole("group", { name: "A new device is enrolled on your account" });
    const email = group.getByRole("checkbox", { name: "E-mail" });
    expect(await email.isChecked()).toBe(true);
    await email.uncheck();
    await page.getByRole("status").filter({ hasText: 'Saved: e-mail off for "A new device is enrolled on your account".' }).waitFor();
    await page.reload();
    expect(await page.getByRole("group", { name: "A new device is enrolled on your account" }).getByRole("checkbox", { name: "E-mail" }).isChecked()).toBe(false);
    // Other kinds keep their own defaults.
    expect(await page.getByRole("group", { name: "A device needs attention" }).getByRole("checkbox", { name: "E-mail" }).isChecked()).toBe(true);
    expect(await page.getByRole("group", { name: "An action on a device finished" }).getByRole("checkbox", { name: "E-mail" }).isChecked()).toBe(false);
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
    await screenshot(page, "settings");
    await expectAccessible(page, "settings");

    await enrollDevice(page, suite, "Pixel 9");
    // The in-app notice is there (it is always on) ...
    await page.goto(`${suite.app.url}/notifications`);
    await page.getByRole("listitem").filter({ hasText: "Pixel 9" }).first().waitFor({ timeout: 15_000 });
    // ... but no second e-mail.
    expect((await mailboxSubjects(page)).filter((s) => s.endsWith("New device enrolled"))).toHaveLength(1);
    await page.close();
  });

  it("turns push on for this device, sends the next notification to it encrypted, and turns it off", { timeout: 120_000 }, async () => {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const auth = randomBytes(16).toString("base64url");
    const endpoint = `http://127.0.0.1:${(push.server.address() as AddressInfo).port}/push/sam-phone`;
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.grantPermissions(["notifications"], { origin: suite.app.url });
    await context.addInitScript(fakePushManager, { endpoint, p256dh: ecdh.getPublicKey().toString("base64url"), auth });
    const page = await context.newPage();
    await signInAs(page, suite.app, JOHAN);
    await page.goto(`${suite.app.url}/settings`);
    const region = page.getByRole("region", { name: "Push notifications on this device" });
    await region.getByText("Push is off on this device.").waitFor();
    await region.getByRole("button", { name: "Turn on push notifications" }).click();
    await region.getByText("Push is on").waitFor();
    // The server knows this browser: after a reload the page asks it and still says on.
    await page.reload();
    await region.getByText("Push is on").waitFor();

    const before = push.received.length;
    await enrollDevice(page, suite, "Pixel Fold");
    // Delivery starts when the notification is committed, not at the next scheduler minute.
    const started = Date.now();
    while (push.received.length === before && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 50));
    const sent = push.received.at(-1)!;
    expect(push.received.length).toBe(before + 1);
    expect(sent.path).toBe("/push/sam-phone");
    expect(sent.headers["content-encoding"]).toBe("aes128gcm");
    expect(sent.headers.authorization).toMatch(/^vapid t=.+, k=.+/);
    const payload = JSON.parse(ece.decrypt(sent.body, { version: "aes128gcm", privateKey: ecdh, authSecret: auth }).toString("utf8"));
    expect(payload).toMatchObject({ kind: "device_enrolled", title: "New device enrolled" });
    expect(payload.body).toContain("Pixel Fold");
    expect(payload.link).toMatch(/^\/devices\//);

    await region.getByRole("button", { name: "Turn off push notifications" }).click();
    await region.getByText("Push is off on this device.").waitFor();
    await enrollDevice(page, suite, "Pixel Tablet");
    await page.goto(`${suite.app.url}/notifications`);
    await page.getByRole("listitem").filter({ hasText: "Pixel Tablet" }).first().waitFor({ timeout: 15_000 });
    expect(push.received.length).toBe(before + 1);
    await context.close();
  });

  it("ends this browser's push subscription at sign-out", { timeout: 60_000 }, async () => {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const endpoint = `http://127.0.0.1:${(push.server.address() as AddressInfo).port}/push/shared-tablet`;
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.grantPermissions(["notifications"], { origin: suite.app.url });
    await context.addInitScript(fakePushManager, { endpoint, p256dh: ecdh.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") });
    const page = await context.newPage();
    await signInAs(page, suite.app, SAM);
    await page.goto(`${suite.app.url}/settings`);
    const region = page.getByRole("region", { name: "Push notifications on this device" });
    await region.getByRole("button", { name: "Turn on push notifications" }).click();
    await region.getByText("Push is on").waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    expect(await page.evaluate(() => localStorage.getItem("ward-test-push-subscription"))).toBeNull();

    // Signed in again, the server no longer has this browser for Sam.
    await signInAs(page, suite.app, SAM);
    await page.goto(`${suite.app.url}/settings`);
    await region.getByText("Push is off on this device.").waitFor();
    await context.close();
  });
});
