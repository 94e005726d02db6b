import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tickets } from "@/db/schema";
import { startApp, type AppServer } from "../support/app-server";
import { describeWithBrowser, launchBrowser } from "../support/browser";
import { expectAccessible, phonePage, screenshot, signInAs, markPage, stillSamePage } from "../support/portal-browser";

const SAM = "sam.taylor@ward.example";
const OPERATOR = "helpdesk.emea@ward.example"; // Elena Marsh, help desk over EMEA (Sam is EMEA)
const SUBJECT = "Outlook stops syncing after the VPN update";
const DESCRIPTION = "Since this morning's VPN update, Outlook on my iPhone says it cannot connect.";
const NOTE = "Same symptom as two other EMEA users today; likely the new VPN profile.";
const OVERDUE = "Can't get email on my new phone";
const REPLY = "Please remove the VPN profile and install it again from the portal, then tell me if mail syncs.";


async function desktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

describeWithBrowser("help desk tickets", () => {
  let app: AppServer;
  let browser: Browser;
  // An Americas requester's ticket: outside the EMEA operator's scope.
  let outOfScopeTicketId = "";
  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startApp({
        prepare: async (db) => {
          const [row] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.subject, "Pixel says it's not compliant"));
          outOfScopeTicketId = row!.id;
          // One of Sam's demo tickets is two hours past due.
          await db.update(tickets).set({ dueAt: new Date(Date.now() - 2 * 3_600_000) }).where(eq(tickets.subject, OVERDUE));
        },
      }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("a ticket goes from the portal to resolved and the user sees the reply", { timeout: 180_000 }, async () => {
    // Sam asks for help in the portal, on a phone.
    const sam = await phonePage(browser);
    await signInAs(sam, app, SAM);
    await sam.goto(`${app.url}/help`);
    const form = sam.getByRole("region", { name: "Ask for help" });
    await form.getByLabel("What is it about?").selectOption({ label: "Sam's iPhone" });
    await form.getByLabel("Subject").fill(SUBJECT);
    await form.getByLabel("Description").fill(DESCRIPTION);
    await form.getByRole("button", { name: "Send request" }).click();
    const sent = form.getByRole("status").filter({ hasText: /Request #\d+ sent/ });
    await sent.waitFor();
    const number = (await sent.textContent())!.match(/#(\d+)/)![1]!;
    await sam.getByRole("region", { name: "My requests" }).getByRole("link", { name: SUBJECT }).click();
    await sam.getByRole("heading", { level: 1, name: SUBJECT }).waitFor();
    const samThread = sam.getByRole("list", { name: "Conversation" });
    await markPage(sam);

    // The operator finds it among the unassigned tickets; the filters live in the URL.
    const desk = await desktopPage(browser);
    await signInAs(desk, app, OPERATOR);
    await desk.goto(`${app.url}/helpdesk/tickets`);
    await desk.getByRole("heading", { level: 1, name: "Tickets" }).waitFor();
    const filters = desk.getByRole("form", { name: "Filter tickets" });
    await filters.getByLabel("Assignee").selectOption("unassigned");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await desk.waitForURL(/\/helpdesk\/tickets\?assignee=unassigned$/);
    const queue = desk.getByRole("table", { name: /unassigned/ });
    const row = queue.getByRole("row").filter({ hasText: SUBJECT });
    await row.waitFor();
    const cells = await row.getByRole("cell").allTextContents();
    expect(cells.slice(0, 8)).toEqual([number, SUBJECT, expect.stringContaining("Sam Taylor"), "Sam's iPhone", "Open", "Normal", "Unassigned", expect.stringMatching(/^in 3 days$|^in 72 hours$/)]);
    expect(await row.getByRole("link", { name: "Sam Taylor" }).getAttribute("href")).toMatch(/^\/helpdesk\/users\/[0-9a-f-]{36}$/);
    // Sorted by due time: the overdue ticket comes first and says so in words.
    const first = queue.locator("tbody tr").first();
    expect(await first.getByRole("cell").nth(1).textContent()).toBe(OVERDUE);
    expect(await first.getByRole("cell").last().textContent()).toBe("Overdue · 2 hours ago");
    // Every row is unassigned, and none is an Americas user's (scope).
    expect(await queue.getByRole("row").filter({ hasText: "Maria Lopez" }).count()).toBe(0);
    for (const assignee of await queue.locator("tbody tr td:nth-child(7)").allTextContents()) expect(assignee).toBe("Unassigned");
    // Back returns to the unfiltered queue, Forward to the filtered one.
    await desk.goBack();
    await desk.waitForURL(/\/helpdesk\/tickets$/);
    await expect.poll(() => filters.getByLabel("Assignee").inputValue()).toBe("");
    await desk.goForward();
    await desk.waitForURL(/assignee=unassigned$/);
    await row.waitFor();
    await screenshot(desk, "helpdesk-queue");
    await expectAccessible(desk, "helpdesk-queue");

    // The ticket page: the thread beside Sam's context.
    await row.getByRole("link", { name: SUBJECT }).click();
    await desk.getByRole("heading", { level: 1, name: new RegExp(`#${number} ${SUBJECT}`) }).waitFor();
    const thread = desk.getByRole("list", { name: "Thread" });
    await thread.getByText(DESCRIPTION).waitFor();
    const details = desk.getByRole("complementary", { name: "Ticket details" });
    expect(await details.getByRole("link", { name: /Sam Taylor.s user page/ }).getAttribute("href")).toMatch(/^\/helpdesk\/users\//);
    await details.getByRole("region", { name: "Their devices" }).getByText("Sam's iPhone").waitFor();

    // Assign to me, an internal note, a reply, waiting on the user, resolved.
    await details.getByRole("button", { name: "Assign to me" }).click();
    await details.getByRole("status").filter({ hasText: "Assigned to you." }).waitFor();
    await thread.getByText("Elena Marsh assigned the ticket to themselves").waitFor();
    await desk.getByTestId("ticket-summary").getByText("Assigned to Elena Marsh").waitFor();

    const message = desk.getByLabel("Message");
    await message.fill(NOTE);
    await desk.getByRole("button", { name: "Add internal note" }).click();
    const note = thread.getByRole("listitem").filter({ hasText: NOTE });
    await note.getByText("Internal note — not visible to the user").waitFor();
    expect(await message.inputValue()).toBe("");

    await message.fill(REPLY);
    await desk.getByRole("button", { name: "Reply to the user" }).click();
    await thread.getByRole("listitem").filter({ hasText: REPLY }).getByText("reply to the user").waitFor();
    // Replying to an open ticket puts it in progress.
    await thread.getByText("Elena Marsh changed the status from Open to In progress").waitFor();

    // Sam sees the reply without a reload, and never the internal note.
    await samThread.getByRole("listitem").filter({ hasText: /^IT support/ }).filter({ hasText: REPLY }).waitFor({ timeout: 15_000 });

    const status = details.getByRole("form", { name: "Change status" });
    // Only the moves the server allows from "in progress".
    expect(await status.getByLabel("Move to status").locator("option").allTextContents()).toEqual(["Choose…", "Waiting on user", "Resolved", "Closed"]);
    await status.getByLabel("Move to status").selectOption({ label: "Waiting on user" });
    await status.getByRole("button", { name: "Change status" }).click();
    await status.getByRole("status").filter({ hasText: "Status changed to Waiting on user." }).waitFor();
    await sam.getByRole("status").filter({ hasText: "IT support is waiting for your answer" }).waitFor({ timeout: 15_000 });

    // Raising the priority says the new due time first.
    const priority = details.getByRole("form", { name: "Change priority" });
    await priority.getByLabel("Priority").selectOption("high");
    await priority.getByText(/^Would be due /).waitFor();
    await priority.getByRole("button", { name: "Set priority" }).click();
    await priority.getByRole("status").filter({ hasText: /^Priority set to High; now due / }).waitFor();
    await thread.getByText(/changed the priority from Normal to High; now due /).waitFor();

    await status.getByRole("button", { name: "Resolve" }).click();
    await status.getByRole("status").filter({ hasText: "Status changed to Resolved." }).waitFor();
    await desk.getByTestId("ticket-summary").getByText("Resolved").waitFor();
    await screenshot(desk, "helpdesk-ticket");
    await expectAccessible(desk, "helpdesk-ticket");

    // Sam's page caught up live: the reply, the resolution, no note, same document.
    await samThread.getByText("Marked as resolved").waitFor({ timeout: 15_000 });
    await sam.getByText("If the problem is back, reply below and the request reopens.").waitFor();
    expect(await sam.getByText(NOTE).count()).toBe(0);
    expect(await sam.getByText("Internal note").count()).toBe(0);
    expect(await stillSamePage(sam)).toBe(true);

    // Out of scope (an Americas user's ticket) and unknown ids are the same 404.
    for (const id of [outOfScopeTicketId, "00000000-0000-4000-8000-000000000000", "not-a-ticket"]) {
      const response = await desk.goto(`${app.url}/helpdesk/tickets/${id}`);
      expect(response?.status()).toBe(404);
      await desk.getByRole("heading", { level: 1, name: "Ticket not found" }).waitFor();
      expect(await desk.getByText("Pixel says it's not compliant").count()).toBe(0);
    }
    await Promise.all([sam.context().close(), desk.context().close()]);
  });
});
