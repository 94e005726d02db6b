import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { appAndBrowser } from "../support/app-and-browser";
import { describeWithBrowser } from "../support/browser";
import { expectAccessible, phonePage, screenshot, signInAs, enrollmentCode, markPage, stillSamePage } from "../support/portal-browser";
import { SimulatedDevice } from "../simulator/simulated-device";

const SAM = "sam.taylor@ward.example";
const SUBJECT = "Cracked screen after a drop";
const DESCRIPTION = "I dropped my iPhone this morning; the screen is cracked across the top.";


describeWithBrowser("help and notifications", () => {
  const suite = appAndBrowser();

  it("shows the contact details, opens a request about a device, and follows its thread live on another device", { timeout: 120_000 }, async () => {
    const page = await phonePage(suite.browser);
    await signInAs(page, suite.app, SAM);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Help" }).click();
    await page.getByRole("heading", { level: 1, name: "Help and support" }).waitFor();
    // The organization's contact details (demo settings), one tap each.
    const contact = page.getByRole("region", { name: "Contact IT" });
    expect(await contact.getByRole("link", { name: "help@ward.example" }).getAttribute("href")).toBe("mailto:help@ward.example");
    expect(await contact.getByRole("link", { name: "+1 555 0100" }).getAttribute("href")).toBe("tel:+15550100");
    await contact.getByText("Mon-Fri 8:00-18:00").waitFor();

    // A too-short subject is refused beside the field, and everything typed stays.
    const form = page.getByRole("region", { name: "Ask for help" });
    await form.getByLabel("What is it about?").selectOption({ label: "Sam's iPhone" });
    await form.getByLabel("Subject").fill("Hi");
    await form.getByLabel("Description").fill(DESCRIPTION);
    await form.getByRole("button", { name: "Send request" }).click();
    await form.getByText("at least 3 characters").waitFor();
    expect(await form.getByLabel("Subject").getAttribute("aria-invalid")).toBe("true");
    expect(await form.getByLabel("Description").inputValue()).toBe(DESCRIPTION);
    expect(await form.getByLabel("What is it about?").inputValue()).not.toBe("");

    await form.getByLabel("Subject").fill(SUBJECT);
    await form.getByRole("button", { name: "Send request" }).click();
    const sent = form.getByRole("status").filter({ hasText: /Request #\d+ sent/ });
    await sent.waitFor();
    const number = (await sent.textContent())!.match(/#(\d+)/)![1];
    expect(await form.getByLabel("Subject").inputValue()).toBe("");

    const mine = page.getByRole("region", { name: "My requests" }).getByRole("listitem").filter({ hasText: SUBJECT });
    await mine.waitFor();
    expect(await mine.textContent()).toMatch(new RegExp(`Open.*#${number}.*about Sam's iPhone`));
    // Nothing overflows sideways at phone widths.
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "help");
    await expectAccessible(page, "help");

    await mine.getByRole("link", { name: SUBJECT }).click();
    await page.getByRole("heading", { level: 1, name: SUBJECT }).waitFor();
    const conversation = page.getByRole("list", { name: "Conversation" });
    await conversation.getByText(DESCRIPTION).waitFor();
    expect(await conversation.getByRole("listitem").first().textContent()).toMatch(/^You/);

    // The same person on a second device has the thread open; it must update without a reload.
    const other = await phonePage(suite.browser);
    await signInAs(other, suite.app, SAM);
    await other.goto(page.url());
    await other.getByRole("heading", { level: 1, name: SUBJECT }).waitFor();
    await markPage(other);

    const reply = "The touch screen stopped working too.";
    await page.getByLabel("Your message").fill(reply);
    await page.getByRole("button", { name: "Send reply" }).click();
    await conversation.getByText(reply).waitFor();
    expect(await page.getByLabel("Your message").inputValue()).toBe("");
    // Still usable at the narrowest phones.
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "help-thread");
    await expectAccessible(page, "help-thread");

    await other.getByRole("list", { name: "Conversation" }).getByText(reply).waitFor({ timeout: 15_000 });
    expect(await stillSamePage(other)).toBe(true);

    // Someone else's request is a plain "not found" (the page streams behind its loading state,
    // so the status is already sent: the content is what tells).
    const maria = await phonePage(suite.browser);
    await signInAs(maria, suite.app, "maria.lopez@ward.example");
    await maria.goto(page.url());
    await maria.getByRole("heading", { name: "Page not found" }).waitFor();
    expect(await maria.getByText(SUBJECT).count()).toBe(0);

    // Help desk replies read "IT support", status changes are system lines, and a resolved
    // request says a reply reopens it (Maria's demo request).
    await maria.goto(`${suite.app.url}/help`);
    await maria.getByRole("link", { name: "Pixel says it's not compliant" }).click();
    const thread = maria.getByRole("list", { name: "Conversation" });
    await thread.getByRole("listitem").filter({ hasText: /^IT support/ }).filter({ hasText: "I sent a sync" }).waitFor();
    await thread.getByText(/^Marked as resolved/).waitFor();
    await maria.getByText("If the problem is back, reply below and the request reopens.").waitFor();
    await screenshot(maria, "help-thread-staff");
    await expectAccessible(maria, "help-thread-staff");

    // Opening one notification marks just that one read.
    await maria.goto(`${suite.app.url}/notifications`);
    await maria.getByRole("main").getByText("2 unread", { exact: true }).waitFor();
    await maria.getByRole("link", { name: /needs attention$/ }).click();
    await maria.waitForURL(/\/devices\//);
    await maria.goto(`${suite.app.url}/notifications`);
    await maria.getByRole("main").getByText("1 unread", { exact: true }).waitFor();
    await Promise.all([page.context().close(), other.context().close(), maria.context().close()]);
  });

  it("lists notifications, marks them read, and reports an enrollment that was not the user", { timeout: 120_000 }, async () => {
    const page = await phonePage(suite.browser);
    await signInAs(page, suite.app, SAM);
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Notifications" }).click();
    await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    await page.getByText("Sync finished").waitFor();
    await markPage(page);

    // A device enrolls in Sam's name (a code made in this session, used by the simulator).
    const device = new SimulatedDevice(
      suite.app.url,
      { platform: "android", osVersion: "14", model: "Pixel 8", manufacturer: "Google", serial: `SIM${Date.now()}` },
      { passcodeSet: true, encrypted: true, jailbroken: false },
    );
    suite.devices.push(device);
    await device.enroll(await enrollmentCode(page, "personal"));
    await device.run(3600);

    // The notice and the header badge arrive without a reload.
    const notice = page.getByRole("listitem").filter({ hasText: "New device enrolled" });
    await notice.waitFor({ timeout: 15_000 });
    await nav.getByRole("link", { name: /^Notifications \d+ unread$/ }).waitFor({ timeout: 15_000 });
    expect(await stillSamePage(page)).toBe(true);
    await screenshot(page, "notifications");
    await expectAccessible(page, "notifications");

    await page.getByRole("button", { name: "Mark all as read" }).click();
    await page.getByText("You are all caught up.").waitFor();
    await nav.getByRole("link", { name: "Notifications", exact: true }).waitFor();

    await notice.getByRole("button", { name: "Not you? Report it" }).click();
    await notice.getByText("This locks the device and alerts IT").waitFor();
    await notice.getByRole("button", { name: "Lock it and alert IT" }).click();
    const reported = notice.getByRole("status").filter({ hasText: /Reported: request #\d+/ });
    await reported.waitFor();
    const number = (await reported.textContent())!.match(/#(\d+)/)![1];
    await expectAccessible(page, "notifications-reported");

    // The device gets the lock over its push channel.
    await expect.poll(() => device.state.locked, { timeout: 15_000 }).toBe(true);
    expect(device.received.map((command) => command.kind)).toContain("lock");

    // The urgent request is the user's to follow.
    await notice.getByRole("link", { name: `Follow request #${number}` }).click();
    await page.getByRole("heading", { level: 1, name: /^Unrecognized device enrolled/ }).waitFor();
    await page.getByText("A lock was sent to it.").waitFor();
    await page.context().close();
  });
});
