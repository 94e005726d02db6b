import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { appAndBrowser } from "../support/app-and-browser";
import { describeWithBrowser } from "../support/browser";
import { expectAccessible, phonePage, screenshot, signInAs, enrollmentCode, markPage, stillSamePage } from "../support/portal-browser";
import { SimulatedDevice } from "../simulator/simulated-device";

const SAM = "sam.taylor@ward.example";
const NAME = "Google Pixel 7";
const facts = { platform: "android", osVersion: "14", model: "Pixel 7", manufacturer: "Google", serial: "SIMLOST0001" };
const inventory = { passcodeSet: true, encrypted: true, jailbroken: false };


const commandRow = (page: Page, kind: string) => page.locator(`li[data-command-kind="${kind}"]`).first();
const waitForState = (page: Page, kind: string, state: string) => commandRow(page, kind).getByText(state, { exact: true }).waitFor({ timeout: 20_000 });
const stage = (page: Page, name: string) => page.getByRole("heading", { level: 2, name }).waitFor({ timeout: 20_000 });

describeWithBrowser("lost device from another browser", () => {
  const suite = appAndBrowser();

  it("locks from a friend's phone, queues a wipe while the device is offline, and 'I found it' cancels it", { timeout: 180_000 }, async () => {
    // Sam's own browser, watching the device page.
    const mine = await phonePage(suite.browser);
    await signInAs(mine, suite.app, SAM);
    const device = new SimulatedDevice(suite.app.url, facts, { ...inventory });
    suite.devices.push(device);
    await device.enroll(await enrollmentCode(mine, "corporate"));
    await device.run(3600);
    await mine.goto(`${suite.app.url}/devices/${device.deviceId}`);
    await mine.getByRole("heading", { level: 1, name: NAME }).waitFor();
    await markPage(mine);

    // A different browser (a friend's phone): its own sign-in.
    const friend = await phonePage(suite.browser);
    await signInAs(friend, suite.app, SAM);
    await friend.getByRole("link", { name: "Lost a device?" }).click();
    await friend.getByRole("heading", { level: 1, name: "Lost a device?" }).waitFor();
    await screenshot(friend, "lost-choose");
    await expectAccessible(friend, "lost-choose");
    // Linux machines cannot be locked; Sam's iPhone, ThinkPad and the new phone can.
    await friend.getByRole("link", { name: new RegExp(NAME) }).click();
    await stage(friend, `Step 1 of 2: lock ${NAME}`);
    expect(await friend.getByLabel("Message on the screen").inputValue()).toMatch(/^This device is lost\. Please call \+?[\d ]+\.$/);
    await friend.getByLabel("Phone number to call").fill("+44 20 7946 0999");
    expect(await friend.getByLabel("Message on the screen").inputValue()).toBe("This device is lost. Please call +44 20 7946 0999.");
    await friend.getByRole("button", { name: `Lock ${NAME}` }).click();
    await stage(friend, "Locked: the screen shows your message");
    expect(device.state).toMatchObject({ locked: true, lostMessage: "This device is lost. Please call +44 20 7946 0999." });
    await screenshot(friend, "lost");
    await expectAccessible(friend, "lost");
    await friend.setViewportSize({ width: 320, height: 640 });
    expect(await friend.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await friend.setViewportSize({ width: 390, height: 844 });
    await waitForState(mine, "lock", "Done");

    // The phone goes offline; the wipe waits for it.
    const secret = device.client.deviceSecret;
    device.stop();
    await friend.getByRole("button", { name: `Wipe ${NAME}…` }).click();
    await friend.getByLabel(/Type the device name to confirm/).fill(NAME);
    await friend.getByRole("button", { name: `Wipe ${NAME}`, exact: true }).click();
    await stage(friend, `Wipe waiting for ${NAME}`);
    await screenshot(friend, "lost-wipe-pending");
    await waitForState(mine, "wipe", "Pending");

    // Found it before it came back online: the wipe is canceled and lost mode is turned off.
    await friend.getByRole("button", { name: "I found it" }).click();
    await friend.getByText("The wipe was stopped before it reached the device").waitFor();
    await stage(friend, `Unlocking ${NAME}`);
    await waitForState(mine, "wipe", "Canceled");
    await waitForState(mine, "lost_mode_off", "Pending");

    // Back online (same secret): it receives lost_mode_off and no wipe.
    const resumed = new SimulatedDevice(suite.app.url, facts, { ...inventory }, () => {}, secret);
    suite.devices.push(resumed);
    await resumed.run(3600);
    await stage(friend, `${NAME} is out of lost mode`);
    await waitForState(mine, "lost_mode_off", "Done");
    expect(resumed.received.map((c) => c.kind)).toEqual(["lost_mode_off"]);
    expect(device.received.some((c) => c.kind === "wipe")).toBe(false);
    expect(await stillSamePage(mine)).toBe(true);
    await mine.getByText("Lost mode is on").waitFor({ state: "detached" });
    await expectAccessible(mine, "device-after-found");

    await friend.context().close();
    await mine.context().close();
  });
});
