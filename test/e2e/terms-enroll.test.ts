import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { appAndBrowser } from "../support/app-and-browser";
import { type AppServer } from "../support/app-server";
import { describeWithBrowser } from "../support/browser";
import { expectAccessible, phonePage, screenshot, signInAs } from "../support/portal-browser";
import { ProtocolError } from "../simulator/protocol-client";
import { SimulatedDevice } from "../simulator/simulated-device";

const SECURE = { passcodeSet: true, encrypted: true, jailbroken: false };
const CODE = /^[2-9A-Z]{4}-[2-9A-Z]{4}$/;

/** The code as the page shows it: what a person would read off the screen and type. */
async function readCode(page: Page): Promise<string> {
  const shown = page.getByTestId("enrollment-code");
  await shown.waitFor();
  const code = (await shown.textContent())?.trim() ?? "";
  expect(code).toMatch(CODE);
  // Only the code's id goes into the URL, never the code.
  expect(page.url()).toMatch(/step=code&codeId=[0-9a-f-]{36}/);
  expect(page.url()).not.toContain(code);
  return code;
}

/** Nothing scrolls sideways at 320 px, and every button and radio card is a 44 px touch target. */
async function expectPhoneFriendly(page: Page): Promise<void> {
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll("main button, main label:has(input[type=radio])")]
      .filter((element) => element.getBoundingClientRect().height < 44)
      .map((element) => element.textContent),
  );
  await page.setViewportSize(viewport);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(small).toEqual([]);
}

/** Step 1 and 2 of the flow for a personal device, ending on the code page. */
async function startPersonalEnrollment(page: Page, app: AppServer, check: (name: string) => Promise<void> = async () => {}) {
  await page.goto(`${app.url}/enroll`);
  await page.getByRole("heading", { level: 1, name: "Enroll a device" }).waitFor();
  await check("enroll-choose");
  await page.getByRole("radio", { name: /^Personal/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { level: 1, name: "What your organization can and cannot see" }).waitFor();
  // A step change moves focus to the new step's heading.
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("What your organization can and cannot see");
  expect(await page.getByRole("region", { name: "Your organization cannot see" }).textContent()).toContain("Your browsing history");
  await check("enroll-privacy");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { level: 1, name: "Connect your device" }).waitFor();
}

describeWithBrowser("terms and enrollment on a phone", () => {
  const suite = appAndBrowser();

  it("asks for the terms first, then enrolls a phone and ticks the checklist without a reload", async () => {
    const page = await phonePage(suite.browser);
    await signInAs(page, suite.app, "maria.lopez@ward.example");

    // Maria has not accepted the terms (demo data): enrollment shows the way there and nothing else.
    await page.goto(`${suite.app.url}/enroll`);
    await page.getByText("First, accept your organization's terms").waitFor();
    expect(await page.getByRole("radio").count()).toBe(0);
    await screenshot(page, "enroll-terms-required");
    await expectAccessible(page, "enroll, terms required");
    await page.getByRole("link", { name: "Read and accept the terms" }).click();

    await page.waitForURL(/\/terms\?next=/);
    await page.getByRole("heading", { level: 2, name: "Acceptable use of enrolled devices" }).waitFor();
    await page.getByText("In short").waitFor();
    // The markdown body is rendered (its "##" headings become h3), not shown as text.
    await page.getByRole("heading", { level: 3, name: "What we can do" }).waitFor();
    expect(await page.getByText("## What we can do").count()).toBe(0);
    await page.getByText("You have not accepted any terms yet.").waitFor();
    await screenshot(page, "terms");
    await expectAccessible(page, "terms");
    await expectPhoneFriendly(page);

    await page.getByRole("button", { name: "I accept" }).click();
    await page.getByText("Thank you: you accepted these terms").waitFor();
    const history = page.getByRole("region", { name: "What you accepted and when" });
    await history.getByText(/Version 1, accepted \d{1,2} \w{3} \d{4}/).waitFor();
    await expectAccessible(page, "terms, accepted");
    await page.getByRole("link", { name: "Continue enrolling your device" }).click();
    await page.waitForURL(/\/enroll$/);

    await startPersonalEnrollment(page, suite.app, async (name) => {
      await screenshot(page, name);
      await expectAccessible(page, name);
      await expectPhoneFriendly(page);
    });
    const code = await readCode(page);
    await page.getByRole("img", { name: /^QR code containing the enrollment code/ }).waitFor();
    await page.getByText(/Expires in\s*(10:00|0\d:\d\d)/).waitFor();
    expect(await page.locator('[data-step="created"]').getAttribute("data-state")).toBe("done");
    // A reload keeps the step and, in this tab, the code.
    await page.reload();
    expect(await readCode(page)).toBe(code);
    await screenshot(page, "enroll-code");
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot(page, "enroll-code-dark");
    await page.emulateMedia({ colorScheme: "light" });
    await expectAccessible(page, "enroll-code");
    await expectPhoneFriendly(page);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.app.url });
    await page.getByRole("button", { name: "Copy code" }).click();
    await page.getByRole("status").filter({ hasText: "Code copied." }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

    // From here on the page must update by itself: a reload would lose this marker.
    await page.evaluate(() => Object.assign(window, { wardNoReload: true }));
    const phone = new SimulatedDevice(suite.app.url, { platform: "android", osVersion: "14", model: "Pixel 8", manufacturer: "Google", serial: "E2E-PIXEL-0001" }, { ...SECURE });
    suite.devices.push(phone);
    await phone.enroll(code);
    await page.locator('[data-step="enrolled"][data-state="done"]').waitFor({ timeout: 15_000 });
    await phone.run(3600);
    await page.locator('[data-step="checkedIn"][data-state="done"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-step="evaluated"][data-state="done"]').waitFor({ timeout: 15_000 });
    await page.getByRole("heading", { level: 1, name: "Your device is ready" }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { wardNoReload?: boolean }).wardNoReload)).toBe(true);
    // The code is gone once used.
    expect(await page.getByTestId("enrollment-code").count()).toBe(0);
    expect(await page.getByRole("link", { name: "See your device" }).getAttribute("href")).toBe(`/devices/${phone.deviceId}`);
    await screenshot(page, "enroll-done");
    await expectAccessible(page, "enroll-done");
    await expectPhoneFriendly(page);
    await page.context().close();
  }, 120_000);

  it("offers a new code where the old one cannot be shown, and shows a restriction refusal live", async () => {
    const page = await phonePage(suite.browser);
    await signInAs(page, suite.app, "maria.lopez@ward.example");
    await startPersonalEnrollment(page, suite.app);
    await readCode(page);

    // Another tab of the same browser cannot see the code (it never leaves the tab that made it).
    const otherTab = await page.context().newPage();
    await otherTab.goto(page.url());
    await otherTab.getByText("This code cannot be shown again").waitFor();
    expect(await otherTab.getByTestId("enrollment-code").count()).toBe(0);
    await expectAccessible(otherTab, "enroll-code, not shown again");
    await otherTab.getByRole("button", { name: "Get a new code" }).click();
    const code = await readCode(otherTab);

    // Personal Linux devices are not allowed by the demo restriction: the device is refused (422)...
    await otherTab.evaluate(() => Object.assign(window, { wardNoReload: true }));
    const laptop = new SimulatedDevice(suite.app.url, { platform: "linux", osVersion: "24.04", model: "ThinkPad X1", manufacturer: "Lenovo", serial: "E2E-LINUX-0001" }, { ...SECURE });
    suite.devices.push(laptop);
    const error = await laptop.enroll(code).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).status).toBe(422);

    // ...and the page says so, with the reason and what to do, without a reload.
    const refusal = otherTab.getByRole("alert").filter({ hasText: "Your device could not be enrolled:" });
    await refusal.waitFor({ timeout: 15_000 });
    expect(await refusal.textContent()).toContain("Your organization does not allow personal Linux devices. Enroll a corporate device or ask IT.");
    expect(await otherTab.evaluate(() => (window as unknown as { wardNoReload?: boolean }).wardNoReload)).toBe(true);
    // The code still works for a device that is allowed.
    expect(await otherTab.getByTestId("enrollment-code").textContent()).toBe(code);
    await screenshot(otherTab, "enroll-refused");
    await expectAccessible(otherTab, "enroll-refused");
    await expectPhoneFriendly(otherTab);

    // A code id that is not one of Maria's (or not an id at all) gets a way to start again, not an error page.
    for (const codeId of [crypto.randomUUID(), "not-an-id"]) {
      await otherTab.goto(`${suite.app.url}/enroll?step=code&codeId=${codeId}`);
      await otherTab.getByText("We could not find this enrollment code").waitFor();
      await otherTab.getByRole("link", { name: "Start again" }).waitFor();
    }
    await page.context().close();
  }, 120_000);
});
