import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db";
import { env } from "../env";
import { isAppError } from "../errors";
import { clientIp } from "../http/client-ip";
import { signInWithPassword } from "./local-sign-in";
import { provisionOidcUser } from "./oidc-provisioning";
import { authSecret } from "./secret";

const REFUSED = "refused:";
const SESSION_HOURS = 12;

type OidcProfile = { sub: string; email?: string; email_verified?: boolean | string; name?: string; preferred_username?: string };

function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const config = env().oidc;
  if (!config) return null;
  const issuer = config.issuer.replace(/\/$/, "");
  return {
    id: "oidc",
    name: config.name,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    // Runs after the code exchange: provision the user just in time and sign in as them.
    async profile(profile) {
      const result = await provisionOidcUser(await getDb(), {
        issuer,
        subject: profile.sub,
        email: profile.email,
        emailVerified: profile.email_verified === true || profile.email_verified === "true",
        name: profile.name ?? profile.preferred_username,
      });
      if (!result.ok) return { id: `${REFUSED}${result.reason}` };
      return { id: result.user.id, email: result.user.email, name: result.user.name };
    },
  };
}

function useSecureCookies(): boolean {
  const url = new URL(env().authUrl);
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  // Secure everywhere but plain-http loopback, where browsers would drop Secure cookies.
  return url.protocol === "https:" || (env().nodeEnv === "production" && !loopback);
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  // next-auth v4 reads its public URL from the environment.
  process.env.NEXTAUTH_URL ??= e.authUrl;
  const providers: NextAuthOptions["providers"] = [];
  if (e.localAccounts) {
    providers.push(
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const headers = (req?.headers ?? {}) as Record<string, string>;
          try {
            return await signInWithPassword(await getDb(), credentials ?? {}, {
              ip: clientIp(headers, e.trustProxy),
              userAgent: headers["user-agent"]?.slice(0, 512) ?? null,
            });
          } catch (error) {
            // next-auth passes the message to the sign-in page as ?error=...
            if (isAppError(error)) throw new Error(error.message);
            throw error;
          }
        },
      }),
    );
  }
  const oidc = oidcProvider();
  if (oidc) providers.push(oidc);

  cached = {
    providers,
    secret: authSecret(),
    useSecureCookies: useSecureCookies(),
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      signIn({ user }) {
        if (user.id.startsWith(REFUSED)) return `/signin?error=${encodeURIComponent(user.id.slice(REFUSED.length))}`;
        return true;
      },
      jwt({ token, user, account }) {
        // `account` is only present on an interactive sign-in: remember when, for step-up checks.
        if (user && account) {
          token.sub = user.id;
          token.authTime = Math.floor(Date.now() / 1000);
          token.provider = account.provider;
        }
        return token;
      },
      session({ session, token }) {
        return {
          ...session,
          user: { id: token.sub!, email: token.email ?? null, name: token.name ?? null },
          authTime: token.authTime,
          provider: token.provider,
        };
      },
    },
    logger: {
      // next-auth logs full errors with request details; keep secrets and tokens out of the logs.
      error: (code, metadata) => console.error(`next-auth error ${code}`, metadata instanceof Error ? metadata.message : ""),
      warn: (code) => console.warn(`next-auth warning ${code}`),
      debug: () => {},
    },
  };
  return cached;
}
