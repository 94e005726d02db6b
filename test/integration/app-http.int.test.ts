import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/server/demo/accounts";
import { startApp, type AppServer } from "../support/app-server";
import { HttpClient } from "../support/http-client";

/** The running production build over HTTP: sign-in answers, headers, CSRF and health. */
let app: AppServer;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());

async function passwordSignIn(client: HttpClient, email: unknown, password: unknown) {
  const { csrfToken } = (await (await client.request(`${app.url}/api/auth/csrf`)).json()) as { csrfToken: string };
  const response = await client.form(`${app.url}/api/auth/callback/credentials`, {
    csrfToken,
    email: String(email),
    password: String(password),
    json: "true",
  });
  const body = (await response.json()) as { url: string };
  return { status: response.status, error: new URL(body.url).searchParams.get("error") };
}

describe("sign-in over HTTP", () => {
  it("signs a demo employee in and sets a safe session cookie", async () => {
    const client = new HttpClient();
    const { csrfToken } = (await (await client.request(`${app.url}/api/auth/csrf`)).json()) as { csrfToken: string };
    const response = await client.form(`${app.url}/api/auth/callback/credentials`, {
      csrfToken,
      email: "sam.taylor@ward.example",
      password: DEMO_PASSWORD,
      json: "true",
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith("next-auth.session-token="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = (await (await client.request(`${app.url}/api/auth/session`)).json()) as { user: { email: string } };
    expect(session.user.email).toBe("sam.taylor@ward.example");
  });

  it.each([
    ["", "", "Enter your email address"],
    ["sam.taylor@ward.example", "", "Enter your password"],
    ["not an email", "x", "Enter a valid email address, like name@example.com"],
    [`${"x".repeat(10_240)}@ward.example`, "x", "That email address is too long"],
    ["sam.taylor@ward.example", "y".repeat(10_240), "That password is too long (1024 characters at most)"],
    ["nobody@ward.example", "whatever", "That email and password do not match an account. Check them and try again."],
  ])("answers bad input (%#) with a clear message, never a 500", async (email, password, message) => {
    const result = await passwordSignIn(new HttpClient(), email, password);
    expect(result.status).toBeLessThan(500);
    expect(result.error).toBe(message);
  });

  it("rate-limits repeated wrong passwords", async () => {
    const client = new HttpClient();
    const errors: (string | null)[] = [];
    for (let attempt = 0; attempt < 6; attempt++) errors.push((await passwordSignIn(client, "maria.lopez@ward.example", `wrong-${attempt}`)).error);
    expect(errors.slice(0, 5).every((e) => e?.startsWith("That email and password do not match"))).toBe(true);
    expect(errors[5]).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ minutes?\.$/);
    // Even the right password is refused until the window passes.
    expect((await passwordSignIn(client, "maria.lopez@ward.example", DEMO_PASSWORD)).error).toMatch(/^Too many failed/);
  });

  it("signs out", async () => {
    const client = new HttpClient();
    const { csrfToken } = (await (await client.request(`${app.url}/api/auth/csrf`)).json()) as { csrfToken: string };
    await client.form(`${app.url}/api/auth/callback/credentials`, { csrfToken, email: "readonly@ward.example", password: DEMO_PASSWORD, json: "true" });
    expect(client.cookie(app.url, "next-auth.session-token")).toBeTruthy();
    await client.form(`${app.url}/api/auth/signout`, { csrfToken, json: "true" });
    expect(client.cookie(app.url, "next-auth.session-token")).toBeUndefined();
    expect(await (await client.request(`${app.url}/api/auth/session`)).json()).toEqual({});
  });
});

describe("HTTP surface", () => {
  it("reports health: database reachable and migrations current", async () => {
    const response = await fetch(`${app.url}/api/health`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as { status: string; database: { reachable: boolean }; migrations: { current: boolean; applied: number; expected: number } };
    expect(health.status).toBe("ok");
    expect(health.database.reachable).toBe(true);
    expect(health.migrations.current).toBe(true);
    expect(health.migrations.applied).toBe(health.migrations.expected);
  });

  it("sends strict security headers", async () => {
    const response = await fetch(`${app.url}/signin`);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("serves this build's service worker at /sw.js, never cached without asking", async () => {
    const response = await fetch(`${app.url}/sw.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const buildId = fs.readFileSync(path.resolve(process.env.WARD_DIST_DIR || ".next", "BUILD_ID"), "utf8").trim();
    expect(await response.text()).toContain(`// ward build ${buildId}`);
  });

  it("refuses cross-site tRPC mutations", async () => {
    const response = await fetch(`${app.url}/api/trpc/me.profile`, { method: "POST", headers: { origin: "https://evil.example", "content-type": "application/json" }, body: "{}" });
    expect(response.status).toBe(403);
  });

  it("answers tRPC calls without a session with 401, and a signed-in non-staff user with 403", async () => {
    expect((await fetch(`${app.url}/api/trpc/me.profile`)).status).toBe(401);
    const client = new HttpClient();
    await passwordSignIn(client, "sam.taylor@ward.example", DEMO_PASSWORD);
    const forbidden = await client.request(`${app.url}/api/trpc/staff.overview`);
    expect(forbidden.status).toBe(403);
    const body = (await forbidden.json()) as { error: { json: { message: string; data: { code: string } } } };
    expect(body.error.json.data.code).toBe("FORBIDDEN");
    const profile = await client.request(`${app.url}/api/trpc/me.profile`);
    expect(profile.status).toBe(200);
  });
});
