import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/server/demo/accounts";
import { startApp, type AppServer } from "../support/app-server";
import { describeWithBrowser, launchBrowser } from "../support/browser";
import { expectAccessible, phonePage, screenshot, signInAs, enrollmentCode, markPage, stillSamePage } from "../support/portal-browser";
import { SimulatedDevice } from "../simulator/simulated-device";

const SAM = "sam.taylor@ward.example";


const commandRow = (page: Page, kind: string) => page.locator(`li[data-command-kind="${kind}"]`).first();
const waitForState = (page: Page, kind: string, state: string) => commandRow(page, kind).getByText(state, { exact: true }).waitFor({ timeout: 20_000 });

async function stepUp(page: Page) {
  const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
  await dialog.waitFor();
  await dialog.getByLabel("Password").fill(DEMO_PASSWORD);
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await dialog.waitFor({ state: "hidden" });
}

describeWithBrowser("my devices: details and actions with a simulated device", () => {
  let app: AppServer;
  let browser: Browser;
  let device: SimulatedDevice | undefined;
  beforeAll(async () => {
    // Step-up after 2 s instead of 5 minutes, so the test meets the "sign in again" dialog.
    [app, browser] = await Promise.all([startApp({ env: { WARD_STEP_UP_SECONDS: "2" } }), launchBrowser()]);
  });
  afterAll(async () => {
    device?.stop();
    await browser?.close();
    await app?.stop();
  });

  it("lists the device, renames and locks it live, resets the passcode and wipes it through step-up", { timeout: 180_000 }, async () => {
    const page = await phonePage(browser);
    await signInAs(page, app, SAM);
    device = new SimulatedDevice(
      app.url,
      { platform: "android", osVersion: "14", model: "Pixel 8", manufacturer: "Google", serial: "SIMDEV0001", imei: "356938035643809" },
      { passcodeSet: true, encrypted: true, jailbroken: false, storageTotalGb: 128, storageFreeGb: 64 },
    );
    // Corporate: a personal Android phone cannot be wiped (work profile only).
    await device.enroll(await enrollmentCode(page, "corporate"));
    await device.run(3600);

    await page.goto(`${app.url}/devices`);
    const list = page.getByRole("list", { name: "My devices" });
    await list.getByRole("link", { name: "Google Pixel 8" }).waitFor();
    expect(await list.getByRole("link").allTextContents()).toEqual(expect.arrayContaining(["Sam's iPhone", "Sam's ThinkPad", "Google Pixel 8"]));
    await screenshot(page, "devices");
    await expectAccessible(page, "devices");

    await list.getByRole("link", { name: "Google Pixel 8" }).click();
    await page.getByRole("heading", { level: 1, name: "Google Pixel 8" }).waitFor();
    await page.getByText("SIMDEV0001").waitFor();
    await page.getByText("64 GB free of 128 GB").waitFor();
    // Every rule of the Android baseline with the value the device reported.
    await page.getByRole("region", { name: "Compliance" }).getByText("Android 13 or later").waitFor();
    // Unavailable actions are disabled, with the capability table's reason tied to them.
    const off = page.getByRole("button", { name: "Turn lost mode off" });
    expect(await off.isDisabled()).toBe(true);
    const why = await off.getAttribute("aria-describedby");
    expect(await page.locator(`#${why}`).textContent()).toBe("Unavailable: The device is not in lost mode.");
    await screenshot(page, "device");
    await expectAccessible(page, "device");
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await markPage(page);

    // Rename: the new name shows once the device confirms, without a reload.
    await page.getByRole("button", { name: "Rename" }).click();
    await page.getByLabel("New name").fill("Sam's Pixel");
    await page.getByRole("button", { name: "Save name" }).click();
    await page.getByRole("heading", { level: 1, name: "Sam's Pixel" }).waitFor({ timeout: 20_000 });

    // Lock with a message and a phone number; the state turns done live.
    await page.getByRole("button", { name: "Lock (lost mode)" }).click();
    await page.getByLabel("Message on the screen").fill("Lost phone. Please call Sam.");
    await page.getByLabel("Phone number to call").fill("+44 20 7946 0000");
    await page.getByRole("button", { name: "Lock Sam's Pixel" }).click();
    await waitForState(page, "lock", "Done");
    expect(device.state.locked).toBe(true);
    expect(device.state.lostMessage).toBe("Lost phone. Please call Sam.");
    await expect.poll(() => page.getByTestId("command-announcer").textContent()).toContain("Lock: done");
    await page.getByText("Lost mode is on").waitFor();

    // Reset the passcode: the sign-in is older than the step-up window, so the dialog asks first.
    await page.waitForTimeout(3000);
    await page.getByRole("button", { name: "Reset passcode" }).click();
    await page.getByRole("group", { name: "Reset passcode" }).getByRole("button", { name: "Reset passcode" }).click();
    await stepUp(page);
    const shown = page.locator("[data-passcode]");
    await shown.waitFor();
    const passcode = (await shown.textContent())!.trim();
    expect(passcode).toMatch(/^\d{6}$/);
    await page.getByText(/^Valid until /).waitFor();
    await waitForState(page, "reset_passcode", "Done");
    const delivered = device.received.find((c) => c.kind === "reset_passcode");
    expect(delivered?.payload.passcode ?? delivered?.payload.temporaryPasscode).toBe(passcode);
    await screenshot(page, "passcode");
    await page.getByRole("button", { name: "I have noted it" }).click();

    // Wipe: the exact name typed, then step-up again.
    await page.waitForTimeout(3000);
    await page.getByRole("button", { name: "Wipe (factory reset)" }).click();
    const panel = page.getByRole("group", { name: "Wipe (factory reset)" });
    await panel.getByText("Everything on Sam's Pixel is erased: apps, photos, files and settings. It returns to factory settings and is removed from Ward. This cannot be undone.").waitFor();
    const confirm = panel.getByRole("button", { name: "Wipe Sam's Pixel" });
    await panel.getByLabel(/Type the device name to confirm/).fill("sam's pixel");
    expect(await confirm.isDisabled()).toBe(true);
    await panel.getByLabel(/Type the device name to confirm/).fill("Sam's Pixel");
    expect(await confirm.isEnabled()).toBe(true);
    await screenshot(page, "wipe-confirm");
    await expectAccessible(page, "wipe-confirm");
    await confirm.click();
    await stepUp(page);
    await waitForState(page, "wipe", "Done");
    await page.getByText("This device was wiped").waitFor();
    expect(await stillSamePage(page)).toBe(true);

    await page.goto(`${app.url}/devices`);
    await list.getByRole("link", { name: "Sam's iPhone" }).waitFor();
    expect(await list.getByRole("link").allTextContents()).not.toContain("Sam's Pixel");
    await page.context().close();
  });

  it("answers a friendly not-found page for a device that is not one of yours", async () => {
    const page = await phonePage(browser);
    await signInAs(page, app, SAM);
    await page.goto(`${app.url}/devices/00000000-0000-4000-8000-000000000000`);
    await page.getByRole("heading", { level: 1, name: "Device not found" }).waitFor();
    await expectAccessible(page, "device-not-found");
    await page.context().close();
  });
});
