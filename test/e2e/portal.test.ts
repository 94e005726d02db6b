import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/server/demo/accounts";
import { startApp, type AppServer } from "../support/app-server";
import { describeWithBrowser, launchBrowser } from "../support/browser";

/** The first real-browser journey: Debian Chromium against `next build` + `next start`. */
describeWithBrowser("portal in a real browser", () => {
  let app: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function signIn(email: string, viewport = { width: 390, height: 844 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/signin/);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: /^Hello, / }).waitFor();
    return page;
  }

  it("shows a demo employee their devices on a phone-sized screen", async () => {
    const page = await signIn("sam.taylor@ward.example");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Hello, Sam Taylor");
    const devices = page.getByRole("region", { name: "My devices" }).getByRole("listitem");
    const names = await devices.getByRole("link").allTextContents();
    expect(names).toEqual(expect.arrayContaining(["Sam's iPhone", "Sam's ThinkPad"]));
    // Nothing overflows sideways at phone width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // No staff link for an employee.
    expect(await page.getByRole("link", { name: "Help desk" }).count()).toBe(0);
    await page.context().close();
  });

  it("shows the sign-in error for a wrong password and keeps what was typed", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/signin`);
    // Checked in the browser first, with the server's own messages beside each field.
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByText("Enter your email address").waitFor();
    expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("Email").fill("sam.taylor@ward.example");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    // Next's route announcer is also an alert region: pick ours by its text.
    await page.getByRole("alert").filter({ hasText: "do not match an account" }).waitFor();
    expect(await page.getByLabel("Email").inputValue()).toBe("sam.taylor@ward.example");
    await context.close();
  });

  it("lets a help desk operator reach the staff home, scoped to their region", async () => {
    const page = await signIn("helpdesk.emea@ward.example", { width: 1280, height: 800 });
    await page.getByRole("link", { name: "Help desk" }).click();
    await page.getByRole("heading", { level: 1, name: "Help desk" }).waitFor();
    expect(await page.getByText("Help Desk Operator").count()).toBeGreaterThan(0);
    const inScope = Number(await page.getByTestId("users-in-scope").textContent());
    expect(inScope).toBeGreaterThan(0);
    await page.context().close();

    // An administrator (all users) reaches more users than the EMEA operator.
    const admin = await signIn("admin@ward.example", { width: 1280, height: 800 });
    await admin.goto(`${app.url}/helpdesk`);
    const all = Number(await admin.getByTestId("users-in-scope").textContent());
    expect(all).toBeGreaterThan(inScope);
    await admin.context().close();
  });

  it("gives an employee the 404 page for the staff URL, not a glimpse", async () => {
    const page = await signIn("maria.lopez@ward.example");
    const response = await page.goto(`${app.url}/helpdesk`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    expect(await page.getByText("Users in your scope").count()).toBe(0);
    await page.context().close();
  });

  it("signs out", async () => {
    const page = await signIn("sam.taylor@ward.example");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/signin/);
    await page.context().close();
  });
});
