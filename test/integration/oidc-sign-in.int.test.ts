import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, freePort, type AppServer } from "../support/app-server";
import { HttpClient, visibleText } from "../support/http-client";
import { startOidcProvider } from "../support/oidc-provider";

/**
 * End to end through real parts: the production build of Ward (`next start`, next-auth) and a real
 * OpenID Connect provider on 127.0.0.1, driven over HTTP with cookies like a browser.
 */
let app: AppServer;
let idp: Awaited<ReturnType<typeof startOidcProvider>>;

beforeAll(async () => {
  const port = await freePort();
  idp = await startOidcProvider({
    redirectUri: `http://127.0.0.1:${port}/api/auth/callback/oidc`,
    accounts: {
      sam: { email: "Sam.Taylor@ward.example", emailVerified: true, name: "Sam T." },
      newcomer: { email: `newcomer-${Date.now()}@ward.example`, emailVerified: true, name: "Nia Newcomer" },
      unverified: { email: "maria.lopez@ward.example", emailVerified: false, name: "Not Maria" },
    },
  });
  app = await startApp({
    port,
    // A production-like deployment: SSO only, no demo mode (the harness still loads the demo data).
    env: {
      WARD_DEMO: "false",
      WARD_LOCAL_ACCOUNTS: "false",
      AUTH_SECRET: "oidc-test-secret-0123456789-abcdefghijklmnop",
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_NAME: "Test SSO",
    },
  });
});
afterAll(async () => {
  await app?.stop();
  await idp?.stop();
});

/** Clicks "Sign in with Test SSO", signs in at the provider as `login`, consents, and comes back. */
async function signInThroughProvider(login: string): Promise<{ client: HttpClient; landedOn: string }> {
  const client = new HttpClient();
  const csrf = (await (await client.request(`${app.url}/api/auth/csrf`)).json()) as { csrfToken: string };
  const start = await client.form(`${app.url}/api/auth/signin/oidc`, { csrfToken: csrf.csrfToken, callbackUrl: `${app.url}/`, json: "true" });
  const { url: authorizeUrl } = (await start.json()) as { url: string };
  expect(authorizeUrl.startsWith(`${idp.issuer}/`)).toBe(true);
  expect(new URL(authorizeUrl).searchParams.get("code_challenge_method")).toBe("S256");

  let page = await client.follow(authorizeUrl);
  for (let step = 0; step < 4 && page.url.startsWith(idp.issuer); step++) {
    const html = await page.response.text();
    const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
    const prompt = html.match(/name="prompt" value="(\w+)"/)?.[1];
    if (!action || !prompt) throw new Error(`unexpected provider page at ${page.url}:\n${html.slice(0, 500)}`);
    const fields: Record<string, string> = prompt === "login" ? { prompt, login, password: "any" } : { prompt };
    const posted = await client.form(new URL(action, page.url).toString(), fields);
    page = await client.follow(new URL(posted.headers.get("location")!, page.url).toString(), {}, (url) => url.startsWith(app.url));
    if (page.url.startsWith(app.url)) break;
  }
  expect(page.url).toMatch(new RegExp(`^${app.url}/api/auth/callback/oidc\\?`));
  const landed = await client.follow(page.url);
  return { client, landedOn: landed.url };
}

describe("sign-in with a real OIDC provider", () => {
  it("links a verified e-mail to the existing account and shows that user's home", async () => {
    const { client, landedOn } = await signInThroughProvider("sam");
    expect(landedOn).toBe(`${app.url}/`);
    const session = (await (await client.request(`${app.url}/api/auth/session`)).json()) as { user: { email: string }; authTime: number };
    expect(session.user.email).toBe("sam.taylor@ward.example");
    expect(Math.abs(session.authTime - Date.now() / 1000)).toBeLessThan(60);
    const home = visibleText(await (await client.request(`${app.url}/`)).text());
    expect(home).toContain("Hello, Sam Taylor");
    expect(home).toContain("My devices");
  });

  it("provisions a new user just in time", async () => {
    const { client } = await signInThroughProvider("newcomer");
    const home = visibleText(await (await client.request(`${app.url}/`)).text());
    expect(home).toContain("Hello, Nia Newcomer");
    expect(home).toContain("You have no enrolled devices yet.");
  });

  it("refuses an unverified e-mail with a clear message and no session", async () => {
    const { client, landedOn } = await signInThroughProvider("unverified");
    expect(landedOn).toBe(`${app.url}/signin?error=email_unverified`);
    const page = visibleText(await (await client.request(landedOn)).text());
    expect(page).toContain("did not confirm your email address");
    const session = await (await client.request(`${app.url}/api/auth/session`)).json();
    expect(session).toEqual({});
  });

  it("offers only the provider on the sign-in page, by its configured name, outside demo mode", async () => {
    const page = visibleText(await (await fetch(`${app.url}/signin`)).text());
    expect(page).toContain("Sign in with Test SSO");
    expect(page).not.toContain("Demo accounts");
    expect(page).not.toContain("Password");
  });
});
