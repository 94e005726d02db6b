import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD } from "@/server/demo/accounts";
import type { AppServer } from "./app-server";

export const PHONE = { width: 390, height: 844 };
const screenshots = path.resolve("test-artifacts", "screenshots");

/** A fresh phone-sized browser context (its own cookies), like a second person's browser. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  return context.newPage();
}

export async function signInAs(page: Page, app: AppServer, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${app.url}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: /^Hello, / }).waitFor();
}

/**
 * axe-core (WCAG 2.x A and AA rules) on the current page, in light and then dark mode; throws
 * with every violation and its elements so the failure says what to fix.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const problems: string[] = [];
  // A live update re-renders the page (router.refresh), and Next streams <title> back in a moment
  // later: check the settled page, not that instant, before each pass (and once more if a scan
  // caught it).
  const settledTitle = () => page.waitForFunction(() => document.title.trim().length > 0, undefined, { timeout: 5_000 });
  const scan = () => new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
    await settledTitle();
    let result = await scan();
    if (result.violations.some((violation) => violation.id === "document-title")) {
      await settledTitle();
      result = await scan();
    }
    for (const violation of result.violations) {
      const nodes = violation.nodes.map((n) => `${n.target.join(" ")} (${n.failureSummary?.replace(/\s+/g, " ").slice(0, 160)})`);
      problems.push(`[${colorScheme}] ${violation.id}: ${violation.help} -> ${nodes.join("; ")}`);
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  if (problems.length > 0) throw new Error(`axe found problems on ${label}:\n${problems.join("\n")}`);
}

/** Saves a screenshot of a main screen (git-ignored) for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

/** A one-time enrollment code, asked for by the signed-in page exactly as the enroll screen does. */
export async function enrollmentCode(page: Page, ownership: "personal" | "corporate"): Promise<string> {
  const answer = await page.evaluate(async (body) => {
    const response = await fetch("/api/trpc/enrollment.createCode", { method: "POST", headers: { "content-type": "application/json" }, body });
    return response.json();
  }, JSON.stringify({ json: { ownership } }));
  const code = (answer as { result?: { data?: { json?: { code?: string } } } }).result?.data?.json?.code;
  if (!code) throw new Error(`no enrollment code: ${JSON.stringify(answer)}`);
  return code;
}

/** Marks the current document; a reload would drop the mark, so its survival proves a live update. */
export const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { wardMarker: boolean }).wardMarker = true));
export const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { wardMarker?: boolean }).wardMarker === true);
