import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/server/demo/accounts";
import { startApp } from "../support/app-server";
import { HttpClient } from "../support/http-client";

/**
 * First-load JavaScript per route: the scripts a route's HTML makes the browser load (module
 * scripts only; the noModule polyfill is skipped by every supported browser), gzip level 9 as a
 * server would send them. Figures go to bench-results/route-js.json.
 */
async function signedIn(url: string, email: string): Promise<HttpClient> {
  const client = new HttpClient();
  const { csrfToken } = (await (await client.request(`${url}/api/auth/csrf`)).json()) as { csrfToken: string };
  await client.form(`${url}/api/auth/callback/credentials`, { csrfToken, email, password: DEMO_PASSWORD, json: "true" });
  return client;
}

async function firstLoadJs(client: HttpClient, url: string, cache: Map<string, number>): Promise<{ scripts: number; gzipKiB: number }> {
  const html = await (await client.request(url)).text();
  const sources = [...new Set([...html.matchAll(/<script(?![^>]*noModule)[^>]*\ssrc="([^"]+)"/gi)].map((m) => m[1]!))];
  let total = 0;
  for (const src of sources) {
    if (!cache.has(src)) {
      const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
      cache.set(src, zlib.gzipSync(body, { level: 9 }).length);
    }
    total += cache.get(src)!;
  }
  return { scripts: sources.length, gzipKiB: Math.round((total / 1024) * 10) / 10 };
}

it("first-load JavaScript of each route", async () => {
  const app = await startApp();
  try {
    const sam = await signedIn(app.url, "sam.taylor@ward.example");
    const operator = await signedIn(app.url, "helpdesk.emea@ward.example");
    const admin = await signedIn(app.url, "admin@ward.example");
    const trpc = async <T>(client: HttpClient, procedure: string) =>
      ((await (await client.request(`${app.url}/api/trpc/${procedure}`)).json()) as { result: { data: { json: T } } }).result.data.json;
    const [device] = await trpc<{ id: string }[]>(sam, "me.devices");
    const [ticket] = await trpc<{ id: string }[]>(sam, "tickets.mine");
    const routes: [string, HttpClient | null, string][] = [
      ["/signin", null, "/signin"],
      ["/ (home)", sam, "/"],
      ["/devices", sam, "/devices"],
      ["/devices/[id]", sam, `/devices/${device!.id}`],
      ["/enroll", sam, "/enroll"],
      ["/terms", sam, "/terms"],
      ["/lost", sam, "/lost"],
      ["/help", sam, "/help"],
      ["/help/[id]", sam, `/help/${ticket!.id}`],
      ["/notifications", sam, "/notifications"],
      ["/helpdesk (search)", operator, "/helpdesk"],
      ["/helpdesk/tickets", operator, "/helpdesk/tickets"],
      ["/helpdesk/audit", admin, "/helpdesk/audit"],
      ["/admin/roles", admin, "/admin/roles"],
    ];
    const cache = new Map<string, number>();
    const figures: Record<string, { scripts: number; gzipKiB: number }> = {};
    for (const [name, client, route] of routes) figures[name] = await firstLoadJs(client ?? new HttpClient(), `${app.url}${route}`, cache);
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync(path.join("bench-results", "route-js.json"), JSON.stringify({ measuredAt: new Date().toISOString(), routes: figures }, null, 2));
    console.log(`route JS (gzip KiB): ${Object.entries(figures).map(([k, v]) => `${k} ${v.gzipKiB}`).join(", ")}`);
    expect(Object.values(figures).every((f) => f.scripts > 0)).toBe(true);
  } finally {
    await app.stop();
  }
});
