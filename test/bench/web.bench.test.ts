import fs from "node:fs";
import path from "node:path";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/server/demo/accounts";
import { startApp } from "../support/app-server";
import { chromiumPath } from "../support/browser";
import { HttpClient } from "../support/http-client";

/**
 * Lighthouse category scores of the sign-in page and the signed-in portal home, with Lighthouse's
 * default (mobile) settings: moto g power emulation and simulated slow-4G throttling. Only run by
 * `npm run bench:web` (WARD_BENCH_WEB=1): it takes minutes and needs Chromium, so `npm run bench`
 * skips it. Figures and the failing audits go to bench-results/lighthouse.json.
 */
const RUNS = 3; // performance varies run to run: report the median per category
const CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>["lhr"];

const METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One Lighthouse run in a fresh Chromium, so no cache, service worker or storage carries over. */
async function audit(url: string, cookie: string | null): Promise<{ lhr: Lhr; chromium: string }> {
  if (!chromiumPath) throw new Error("npm run bench:web needs Chromium (sudo apt-get install -y chromium, or set CHROMIUM_PATH)");
  const chrome = await launch({ chromePath: chromiumPath, chromeFlags: CHROME_FLAGS });
  try {
    const { Browser } = (await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()) as { Browser: string };
    // The session rides on every request as a Cookie header: no scripted sign-in in the fresh profile.
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", extraHeaders: cookie ? { Cookie: cookie } : undefined });
    if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
    if (result.lhr.runtimeError) throw new Error(`lighthouse: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
    return { lhr: result.lhr, chromium: Browser };
  } finally {
    chrome.kill();
  }
}

/** The run with the median performance score: its audits and metrics agree with each other. */
const medianRun = (lhrs: Lhr[]) => [...lhrs].sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0))[Math.floor(lhrs.length / 2)]!;

const isFailing = (a: Lhr["audits"][string] | undefined) =>
  !!a && a.score !== null && a.score < 0.9 && ["binary", "numeric", "metricSavings"].includes(a.scoreDisplayMode);

/**
 * Scored audits under 0.9 in any run (the ones worth acting on; some, like bf-cache, fail only in
 * some runs), with what they point at (URLs, reasons), taken from the median run when it fails there.
 */
function failingAudits(lhrs: Lhr[]) {
  const mid = medianRun(lhrs);
  type Item = { url?: unknown; reason?: unknown; groupLabel?: unknown; label?: unknown; node?: { snippet?: unknown } };
  const itemsOf = (details: unknown) => {
    const items = (details as { items?: unknown } | undefined)?.items; // not a list for every details type
    return (Array.isArray(items) ? (items as Item[]) : [])
      .map((i) => i.url ?? i.reason ?? i.groupLabel ?? i.label ?? i.node?.snippet)
      .filter((v): v is string => typeof v === "string")
      .slice(0, 5);
  };
  const ids = new Set(lhrs.flatMap((l) => Object.keys(l.audits).filter((id) => isFailing(l.audits[id]))));
  return [...ids]
    .map((id) => {
      const a = [mid, ...lhrs].find((l) => isFailing(l.audits[id]))!.audits[id]!;
      const categories = Object.values(mid.categories).filter((c) => c.auditRefs.some((r) => r.id === id)).map((c) => c.id);
      const failedRuns = lhrs.filter((l) => isFailing(l.audits[id])).length;
      return { id, title: a.title, categories, score: a.score!, failedRuns, displayValue: a.displayValue, items: itemsOf(a.details) };
    })
    .sort((a, b) => b.failedRuns - a.failedRuns || a.score - b.score);
}

it.skipIf(!process.env.WARD_BENCH_WEB)("Lighthouse (mobile) of the sign-in page and the portal home", async () => {
  const started = Date.now();
  const app = await startApp();
  try {
    // Signs in over HTTP the way the other benches do (route-js.bench.test.ts).
    const client = new HttpClient();
    const { csrfToken } = (await (await client.request(`${app.url}/api/auth/csrf`)).json()) as { csrfToken: string };
    await client.form(`${app.url}/api/auth/callback/credentials`, { csrfToken, email: "sam.taylor@ward.example", password: DEMO_PASSWORD, json: "true" });
    const session = client.cookie(app.url, "next-auth.session-token");
    if (!session) throw new Error("signing in as sam.taylor gave no session cookie");
    const cookie = `next-auth.session-token=${session}`;

    const pages = { signin: { path: "/signin", cookie: null }, home: { path: "/", cookie } } as const;
    const results: Record<string, { path: string; median: Record<string, number>; runs: Record<string, number[]>; metrics: Record<string, string | undefined>; failingAudits: ReturnType<typeof failingAudits> }> = {};
    let versions = { lighthouse: "", chromium: "" };
    for (const [name, page] of Object.entries(pages)) {
      const lhrs: Lhr[] = [];
      for (let run = 0; run < RUNS; run++) {
        const { lhr, chromium } = await audit(`${app.url}${page.path}`, page.cookie);
        // A lost session would silently measure the sign-in page instead of the home page.
        expect(new URL(lhr.finalDisplayedUrl).pathname).toBe(page.path);
        versions = { lighthouse: lhr.lighthouseVersion, chromium };
        lhrs.push(lhr);
      }
      const categories = Object.keys(lhrs[0]!.categories);
      const scores = Object.fromEntries(categories.map((c) => [c, lhrs.map((l) => Math.round((l.categories[c]?.score ?? 0) * 100))]));
      results[name] = {
        path: page.path,
        median: Object.fromEntries(Object.entries(scores).map(([c, s]) => [c, median(s)])),
        runs: scores,
        // Core metrics come from one run, the one with the median performance, so they agree.
        metrics: Object.fromEntries(METRICS.map((m) => [m, medianRun(lhrs).audits[m]?.displayValue])),
        failingAudits: failingAudits(lhrs),
      };
    }

    const report = { measuredAt: new Date().toISOString(), runs: RUNS, formFactor: "mobile", ...versions, node: process.version, seconds: Math.round((Date.now() - started) / 1000), pages: results };
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync(path.join("bench-results", "lighthouse.json"), JSON.stringify(report, null, 2));
    console.log(`Lighthouse ${versions.lighthouse}, ${versions.chromium}, mobile, median of ${RUNS} runs:`);
    console.table(Object.entries(results).map(([name, r]) => ({ page: name, ...r.median })));
    for (const [name, r] of Object.entries(results)) {
      for (const a of r.failingAudits) console.log(`  ${name}: ${a.id} (${a.score}, failed ${a.failedRuns}/${RUNS}) ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ""}`);
    }
  } finally {
    await app.stop();
  }
});
