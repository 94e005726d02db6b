import http from "node:http";
import Provider from "oidc-provider";
import { freePort } from "./app-server";

export type TestAccount = { email: string; emailVerified: boolean; name: string };

/**
 * A real OpenID Connect provider (the `oidc-provider` package, as certified implementations use)
 * on 127.0.0.1, with its development login and consent pages. The account id typed at its login
 * page selects one of `accounts`.
 */
export async function startOidcProvider(options: { redirectUri: string; accounts: Record<string, TestAccount> }) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "ward-test",
        client_secret: "ward-test-secret-that-is-long-enough",
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Put the requested claims into the ID token too (next-auth reads them from there).
    conformIdTokenClaims: false,
    cookies: { keys: ["test-cookie-signing-key"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const account = options.accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: account.email, email_verified: account.emailVerified, name: account.name };
        },
      };
    },
  });
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    issuer,
    clientId: "ward-test",
    clientSecret: "ward-test-secret-that-is-long-enough",
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
