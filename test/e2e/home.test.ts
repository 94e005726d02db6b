import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { describeWithBrowser, launchBrowser } from "../support/browser";
import { expectAccessible, phonePage, screenshot, signInAs } from "../support/portal-browser";

describeWithBrowser("portal home", () => {
  let app: AppServer;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("shows access status, devices, terms to accept and the lost-device entry, accessibly", async () => {
    const page = await phonePage(browser);
    await signInAs(page, app, "maria.lopez@ward.example");
    await page.getByRole("link", { name: "Lost a device?" }).waitFor();
    // Maria has not accepted the current terms and has a MacBook in grace (demo data).
    await page.getByText("Read and accept the terms").waitFor();
    await page.getByText("Out of compliance").first().waitFor();
    expect(await page.getByRole("region", { name: "My devices" }).getByRole("link").allTextContents()).toContain("Maria's Pixel");
    await screenshot(page, "home");
    await expectAccessible(page, "home");
    await page.context().close();
  });
});
