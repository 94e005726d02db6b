import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { describeWithBrowser, launchBrowser } from "../support/browser";
import { expectAccessible, screenshot, signInAs } from "../support/portal-browser";

const ADMIN = "admin@ward.example";
const READONLY = "readonly@ward.example"; // Rita Olsen: Read Only Operator over all users
const CSV_HEADER = "seq,at,actor kind,actor id,actor label,action,target type,target id,subject user id,ip,details,hash";

async function desktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

/** Adds a person to an assignment through the member search. */
async function addMember(form: ReturnType<Page["getByRole"]>, query: string, name: string) {
  await form.getByLabel("Add a person").fill(query);
  await form.getByRole("list", { name: "Add a person: results" }).getByRole("button", { name: new RegExp(`^${name}`) }).click();
  await form.getByRole("list", { name: "People chosen" }).getByText(name).waitFor();
}

describeWithBrowser("admin: audit log and roles", () => {
  let app: AppServer;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("filters the audit log, downloads it as CSV and checks the chain", { timeout: 120_000 }, async () => {
    const page = await desktopPage(browser);
    await signInAs(page, app, ADMIN);
    await page.goto(`${app.url}/helpdesk`);
    await page.getByRole("navigation", { name: "Help desk" }).getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();

    const filters = page.getByRole("form", { name: "Filter the audit log" });
    await filters.getByLabel("Action starts with").fill("device.");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/\/helpdesk\/audit\?action=device\.$/);
    const table = page.getByRole("table", { name: /matching the filters/ });
    await table.waitFor();
    const actions = await table.locator("tbody tr td:nth-child(4)").allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toMatch(/^device\./);
    // Newest first.
    const seqs = (await table.locator("tbody tr td:nth-child(1)").allTextContents()).map(Number);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    // The CSV carries the same filter.
    const href = await page.getByRole("link", { name: /^Download CSV/ }).getAttribute("href");
    expect(href).toBe("/api/staff/audit.csv?action=device.");
    const csv = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, type: response.headers.get("content-type"), disposition: response.headers.get("content-disposition"), text: await response.text() };
    }, href!);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.disposition).toMatch(/^attachment; filename="ward-audit-/);
    const [header, ...records] = csv.text.trim().split("\n");
    expect(header).toBe(CSV_HEADER);
    // Every event of the filter (the table shows the first page of them), newest first.
    expect(records.length).toBeGreaterThanOrEqual(actions.length);
    for (const record of records) expect(record).toMatch(/^\d+,[^,]+,\w+,[^,]*,[^,]*,device\./);
    expect(Number(records[0]!.split(",")[0])).toBe(seqs[0]);

    // The whole chain, recomputed on request.
    await page.getByRole("button", { name: "Check the chain" }).click();
    await page.getByRole("status").filter({ hasText: /^Chain intact: \d+ events checked\.$/ }).waitFor();
    await screenshot(page, "audit");
    await expectAccessible(page, "audit");

    // From the keyboard: pick a subject user from the search results, and apply.
    await filters.getByLabel("Subject user").fill("Sam Taylor");
    await filters.getByRole("list", { name: "Subject user: results" }).getByRole("button", { name: /^Sam Taylor/ }).waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await filters.getByText("Sam Taylor", { exact: true }).waitFor();
    await filters.getByRole("button", { name: "Apply filters" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/subjectUserId=[0-9a-f-]{36}&action=device\.$/);
    await table.locator("tbody tr").first().waitFor();
    for (const subject of await table.locator("tbody tr td:nth-child(6)").allTextContents()) expect(subject).toBe("Sam Taylor");
    expect(await page.getByRole("link", { name: /^Download CSV/ }).getAttribute("href")).toMatch(/subjectUserId=[0-9a-f-]{36}&action=device\.$/);

    // A date range the wrong way round is explained beside the field, not thrown.
    await filters.getByLabel("From").fill("2026-03-10");
    await filters.getByLabel("To (inclusive)").fill("2026-03-01");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/from=2026-03-10&to=2026-03-01$/);
    await page.getByRole("alert").getByText("The start date must be before the end date.").waitFor();
    expect(await page.getByRole("form", { name: "Filter the audit log" }).getByLabel("To (inclusive)").getAttribute("aria-invalid")).toBe("true");
    await page.context().close();
  });

  it("creates a custom role and assignments; a role administrator cannot grant what they do not hold", { timeout: 150_000 }, async () => {
    const page = await desktopPage(browser);
    await signInAs(page, app, ADMIN);
    await page.goto(`${app.url}/admin/roles`);
    await page.getByRole("heading", { level: 1, name: "Roles and assignments" }).waitFor();
    const roles = page.getByRole("table", { name: "Roles and their permissions" });
    await roles.getByRole("row", { name: /Help Desk Operator/ }).getByText("Built-in, read-only").waitFor();

    // A custom role, with permissions grouped by resource.
    await page.getByRole("button", { name: "New role" }).click();
    const roleForm = page.getByRole("form", { name: "New custom role" });
    await roleForm.getByLabel("Name", { exact: true }).fill("Enrollment Helper");
    await roleForm.getByLabel("Description (optional)").fill("Looks into enrollment failures.");
    await roleForm.getByRole("group", { name: "Enrollment" }).getByLabel("enrollment.read").check();
    await roleForm.getByRole("group", { name: "Users" }).getByLabel("users.read").check();
    await expectAccessible(page, "roles-form");
    await roleForm.getByRole("button", { name: "Create role" }).click();
    await page.getByRole("status").filter({ hasText: "Role “Enrollment Helper” created." }).waitFor();
    const helperRow = roles.getByRole("row", { name: /Enrollment Helper/ });
    await expect.poll(() => helperRow.getByRole("listitem").allTextContents()).toEqual(["users.read", "enrollment.read"]);

    // Assigned to Rita over EMEA.
    await page.getByRole("button", { name: "New assignment" }).click();
    let form = page.getByRole("form", { name: "New assignment" });
    await form.getByLabel("Name", { exact: true }).fill("Enrollment helpers EMEA");
    await form.getByLabel("Role").selectOption({ label: "Enrollment Helper" });
    await addMember(form, "readonly", "Rita Olsen");
    await form.getByLabel("Users in these groups").check();
    await form.getByRole("group", { name: "Scope groups" }).getByLabel("EMEA").check();
    await form.getByRole("button", { name: "Create assignment" }).click();
    await page.getByRole("status").filter({ hasText: "Assignment “Enrollment helpers EMEA” created." }).waitFor();
    const assignments = page.getByRole("table", { name: /Role assignments/ });
    const helperAssignment = assignments.getByRole("row", { name: /Enrollment helpers EMEA/ });
    expect(await helperAssignment.getByRole("cell").allTextContents()).toEqual(expect.arrayContaining(["Enrollment Helper", "Groups: EMEA", "Any device"]));
    await expect.poll(() => helperRow.getByRole("cell").nth(1).textContent()).toBe("1");

    // A role in use cannot be deleted: the server's sentence says why.
    await helperRow.getByRole("button", { name: "Delete Enrollment Helper" }).click();
    await helperRow.getByRole("button", { name: "Yes, delete" }).click();
    await helperRow.getByRole("alert").getByText('"Enrollment Helper" is used by 1 assignment; remove or change it before deleting the role.').waitFor();

    // Rita also becomes a Role Administrator, over all users.
    await page.getByRole("button", { name: "New assignment" }).click();
    form = page.getByRole("form", { name: "New assignment" });
    await form.getByLabel("Name", { exact: true }).fill("Role administrators");
    await form.getByLabel("Role").selectOption({ label: "Role Administrator" });
    await addMember(form, "Rita", "Rita Olsen");
    await form.getByLabel("All users").check();
    await form.getByRole("button", { name: "Create assignment" }).click();
    await page.getByRole("status").filter({ hasText: "Assignment “Role administrators” created." }).waitFor();
    await screenshot(page, "roles");
    await expectAccessible(page, "roles");

    // Rita cannot grant what she does not hold: the checkbox is disabled and says why...
    const rita = await desktopPage(browser);
    await signInAs(rita, app, READONLY);
    await rita.goto(`${app.url}/admin/roles`);
    await rita.getByRole("button", { name: "New role" }).click();
    const ritaRole = rita.getByRole("form", { name: "New custom role" });
    const wipe = ritaRole.getByLabel("devices.wipe");
    expect(await wipe.isDisabled()).toBe(true);
    expect(await wipe.getAttribute("aria-describedby")).toBeTruthy();
    await ritaRole.getByRole("group", { name: "Devices" }).getByText("You do not hold this permission.").first().waitFor();
    expect(await ritaRole.getByLabel("enrollment.read").isDisabled()).toBe(false);
    await ritaRole.getByRole("button", { name: "Cancel" }).click();

    // ...and the server refuses a role she does not hold, keeping what she typed.
    await rita.getByRole("button", { name: "New assignment" }).click();
    const ritaForm = rita.getByRole("form", { name: "New assignment" });
    await ritaForm.getByLabel("Name", { exact: true }).fill("Help desk for Sam");
    await ritaForm.getByLabel("Role").selectOption({ label: "Help Desk Operator" });
    await addMember(ritaForm, "sam.taylor", "Sam Taylor");
    await ritaForm.getByLabel("All users").check();
    await ritaForm.getByRole("button", { name: "Create assignment" }).click();
    await ritaForm.getByRole("alert").getByText(/^You cannot grant "devices\.\w+": you do not hold it yourself\./).waitFor();
    expect(await ritaForm.getByLabel("Name", { exact: true }).inputValue()).toBe("Help desk for Sam");
    expect(await ritaForm.getByLabel("Role").inputValue()).not.toBe("");
    await ritaForm.getByRole("list", { name: "People chosen" }).getByText("Sam Taylor").waitFor();
    expect(await rita.getByRole("table", { name: /Role assignments/ }).getByRole("row", { name: /Help desk for Sam/ }).count()).toBe(0);
    await expectAccessible(rita, "roles-refused");
    await Promise.all([page.context().close(), rita.context().close()]);
  });
});
