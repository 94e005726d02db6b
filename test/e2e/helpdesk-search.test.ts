import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { describeWithBrowser, launchBrowser } from "../support/browser";
import { expectAccessible, screenshot, signInAs, enrollmentCode, markPage, stillSamePage } from "../support/portal-browser";
import { SimulatedDevice } from "../simulator/simulated-device";

const DESKTOP = { width: 1280, height: 800 };
const OPERATOR = "helpdesk.emea@ward.example";
const SERIAL = "HDSIM7Q0001";
const SEARCH_LABEL = "Find a user: name, email, phone, serial or IMEI";

async function desktopPage(browser: Browser, app: AppServer, email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await signInAs(page, app, email);
  return page;
}


/** Types into the search box key by key, as a person does (results come as they type). */
async function search(page: Page, app: AppServer, text: string) {
  await page.goto(`${app.url}/helpdesk`);
  const box = page.getByRole("combobox", { name: SEARCH_LABEL });
  await box.pressSequentially(text, { delay: 20 });
  return box;
}

const actionRow = (page: Page, kind: string) => page.getByTestId("user-actions").locator(`tr[data-command-kind="${kind}"]`).first();

describeWithBrowser("help desk: search, the user page and remote actions (1280x800)", () => {
  let app: AppServer;
  let browser: Browser;
  let device: SimulatedDevice | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    device?.stop();
    await browser?.close();
    await app?.stop();
  });

  it("finds an in-scope user by serial with the keyboard and locks their device with a reason, live", { timeout: 180_000 }, async () => {
    // Sam (EMEA) enrolls a simulated corporate Android phone that obeys commands.
    const sam = await desktopPage(browser, app, "sam.taylor@ward.example");
    device = new SimulatedDevice(
      app.url,
      { platform: "android", osVersion: "14", model: "Pixel 8", manufacturer: "Google", serial: SERIAL, imei: "356938035649999" },
      { passcodeSet: true, encrypted: true, jailbroken: false, storageTotalGb: 128, storageFreeGb: 64 },
    );
    await device.enroll(await enrollmentCode(sam, "corporate"));
    await device.run(3600);
    await sam.context().close();

    const page = await desktopPage(browser, app, OPERATOR);
    const box = await search(page, app, SERIAL.slice(0, 6));
    // The staff home keeps its counts above the search.
    expect(Number(await page.getByTestId("users-in-scope").textContent())).toBeGreaterThan(0);
    const listbox = page.getByRole("listbox", { name: "Users found" });
    const option = listbox.getByRole("option").filter({ hasText: "Sam Taylor" });
    await option.waitFor();
    await expect.poll(() => option.textContent()).toContain(`Serial ${SERIAL}`);
    expect(await option.textContent()).toContain("sam.taylor@ward.example");
    expect(await option.textContent()).toContain("Sales");
    await expect.poll(() => page.getByTestId("search-status").textContent()).toMatch(/^\d+ results?/);
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    await screenshot(page, "helpdesk-search");
    await expectAccessible(page, "help desk search with results");

    // ArrowDown picks the first result (aria-activedescendant), Enter opens it.
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.press("ArrowDown");
    const activeId = await box.getAttribute("aria-activedescendant");
    expect(activeId).toBeTruthy();
    expect(await page.locator(`[id="${activeId}"]`).getAttribute("aria-selected")).toBe("true");
    expect(await page.locator(`[id="${activeId}"]`).textContent()).toContain("Sam Taylor");
    await box.press("Enter");
    await page.waitForURL(/\/helpdesk\/users\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: "Sam Taylor" }).waitFor();

    const card = page.getByRole("region", { name: "Google Pixel 8" });
    await card.getByText(SERIAL).waitFor();
    for (const section of ["Devices", "Actions", "Profile", "Terms", "Tickets", "Audit trail"]) {
      await page.getByRole("heading", { level: 2, name: new RegExp(`^${section}`) }).waitFor();
    }
    // The Help Desk Operator role has no devices.delete: shown, disabled, with the reason.
    const del = card.getByRole("button", { name: "Delete record Google Pixel 8" });
    expect(await del.isDisabled()).toBe(true);
    expect(await page.locator(`[id="${await del.getAttribute("aria-describedby")}"]`).textContent()).toContain("devices.delete");
    expect(await card.getByRole("button", { name: "Lost mode off Google Pixel 8" }).isDisabled()).toBe(true);
    await screenshot(page, "helpdesk-user");
    await expectAccessible(page, "help desk user page");
    // Dense at 1280 px, but a narrow window still fits without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, "helpdesk-user-narrow");
    await page.setViewportSize(DESKTOP);
    await markPage(page);

    // Lock with a message, a phone number and a reason: pending, then done without a reload.
    await card.getByRole("button", { name: "Lock Google Pixel 8" }).click();
    const lock = card.getByRole("group", { name: "Lock: Google Pixel 8" });
    await lock.getByLabel("Message on the screen").fill("Lost phone. Please call the IT help desk.");
    await lock.getByLabel("Phone number to call").fill("+44 20 7946 0000");
    await lock.getByLabel("Reason", { exact: true }).fill("Sam reported it lost on the train (call 14:02)");
    await screenshot(page, "helpdesk-lock");
    await lock.getByRole("button", { name: "Request lock" }).click();
    await page.getByText("Lock requested for Google Pixel 8").waitFor();
    await actionRow(page, "lock").getByText("Done", { exact: true }).waitFor({ timeout: 20_000 });
    expect(device.state.locked).toBe(true);
    expect(device.state.lostMessage).toBe("Lost phone. Please call the IT help desk.");
    await expect.poll(() => page.getByTestId("command-announcer").textContent()).toContain("Lock on Google Pixel 8: done");
    expect(await actionRow(page, "lock").textContent()).toContain("Sam reported it lost on the train");
    await card.getByText("Lost mode", { exact: true }).waitFor();
    expect(await stillSamePage(page)).toBe(true);

    // A wipe without a reason is refused on the spot, next to the field, and nothing is requested.
    await card.getByRole("button", { name: "Wipe Google Pixel 8" }).click();
    const wipe = card.getByRole("group", { name: "Wipe: Google Pixel 8" });
    await wipe.getByLabel(/Type the device name to confirm/).fill("Google Pixel 8");
    await wipe.getByRole("button", { name: "Request wipe" }).click();
    await wipe.getByText("Give a reason (at least 3 characters).").waitFor();
    const reason = wipe.getByLabel("Reason", { exact: true });
    expect(await reason.getAttribute("aria-invalid")).toBe("true");
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, "helpdesk-wipe-no-reason");
    await page.waitForTimeout(1000);
    expect(await page.getByTestId("user-actions").locator('tr[data-command-kind="wipe"]').count()).toBe(0);
    expect(device.received.some((command) => command.kind === "wipe")).toBe(false);
    // Escape closes the step and gives focus back to its button.
    await reason.press("Escape");
    await wipe.waitFor({ state: "detached" });

    // A sync to a device that is offline stays pending; calling it off takes a reason too.
    const thinkpad = page.getByRole("region", { name: "Sam's ThinkPad" });
    await thinkpad.getByRole("button", { name: "Sync Sam's ThinkPad" }).click();
    await thinkpad.getByLabel("Reason", { exact: true }).fill("Check the disk encryption status");
    await thinkpad.getByRole("button", { name: "Request sync" }).click();
    await actionRow(page, "sync").getByText("Pending", { exact: true }).waitFor();
    await actionRow(page, "sync").getByRole("button", { name: "Cancel sync on Sam's ThinkPad" }).click();
    await page.getByLabel("Reason to cancel the sync").fill("Asked by mistake");
    await page.getByRole("button", { name: "Cancel sync", exact: true }).click();
    await actionRow(page, "sync").getByText("Canceled", { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId("command-announcer").textContent()).toContain("Sync on Sam's ThinkPad: canceled");
    expect(await stillSamePage(page)).toBe(true);
    await page.context().close();
  });

  it("cannot find an out-of-scope user, and their page answers the not-found page with HTTP 404", { timeout: 120_000 }, async () => {
    // Maria's id, as an administrator (all users) finds it.
    const admin = await desktopPage(browser, app, "admin@ward.example");
    const adminBox = await search(admin, app, "maria.lopez@ward.example");
    await admin.getByRole("option").filter({ hasText: "Maria Lopez" }).waitFor();
    await adminBox.press("ArrowDown");
    await adminBox.press("Enter");
    await admin.waitForURL(/\/helpdesk\/users\/[0-9a-f-]{36}$/);
    const mariaUrl = new URL(admin.url()).pathname;
    await admin.context().close();

    const page = await desktopPage(browser, app, OPERATOR);
    // A departed user in scope is still found, marked as such.
    await search(page, app, "Niamh");
    await page.getByRole("option").filter({ hasText: "Niamh O'Connor" }).getByText("Departed", { exact: true }).waitFor();

    const box = await search(page, app, "maria.lopez@ward.example");
    await expect.poll(() => page.getByTestId("search-status").textContent(), { timeout: 10_000 }).toBe("No users found in your scope.");
    expect(await page.getByRole("option").count()).toBe(0);
    expect(await box.getAttribute("aria-expanded")).toBe("false");
    // Escape clears the box.
    await box.press("Escape");
    expect(await box.inputValue()).toBe("");

    const response = await page.goto(`${app.url}${mariaUrl}`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { level: 1, name: "User not found" }).waitFor();
    expect(await page.getByText("Maria Lopez").count()).toBe(0);
    await expectAccessible(page, "help desk user not found");
    // An id that is nobody's reads the same.
    const unknown = await page.goto(`${app.url}/helpdesk/users/00000000-0000-4000-8000-000000000000`);
    expect(unknown?.status()).toBe(404);
    await page.context().close();
  });
});
