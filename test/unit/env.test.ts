import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/server/env";

const secret = "x".repeat(40);

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("environment", () => {
  it("runs in demo mode on the embedded database with nothing set", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ demo: true, localAccounts: true, databaseUrl: undefined, dataDir: ".data", authUrl: "http://localhost:3000" });
  });

  it("leaves demo mode when a database URL is given, and then requires a secret", () => {
    const problems = problemsOf({ DATABASE_URL: "postgres://127.0.0.1/ward", OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" });
    expect(problems).toEqual([expect.stringMatching(/^AUTH_SECRET: required outside demo mode/)]);
  });

  it("refuses to start in production without a secret and a public URL", () => {
    const problems = problemsOf({ NODE_ENV: "production", WARD_DEMO: "false", WARD_LOCAL_ACCOUNTS: "true" });
    expect(problems.map((p) => p.split(":")[0])).toEqual(["AUTH_SECRET", "NEXTAUTH_URL"]);
  });

  it("accepts a complete production configuration", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://ward@db.internal/ward",
      AUTH_SECRET: secret,
      NEXTAUTH_URL: "https://ward.example.com/",
      OIDC_ISSUER: "https://login.example.com/realms/acme",
      OIDC_CLIENT_ID: "ward",
      OIDC_CLIENT_SECRET: "s3cret",
      OIDC_NAME: "Acme SSO",
    });
    expect(env.demo).toBe(false);
    expect(env.localAccounts).toBe(false);
    expect(env.authUrl).toBe("https://ward.example.com");
    expect(env.oidc).toEqual({ issuer: "https://login.example.com/realms/acme", clientId: "ward", clientSecret: "s3cret", name: "Acme SSO" });
  });

  it("names every bad value at once", () => {
    const problems = problemsOf({ DATABASE_URL: "mysql://x", PORT: "99999", WARD_DEMO: "maybe" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["DATABASE_URL", "PORT", "WARD_DEMO"]);
  });

  it("asks for the missing OIDC parts when only some are set", () => {
    const problems = problemsOf({ OIDC_ISSUER: "https://id.example.com" });
    expect(problems).toEqual([
      "OIDC_CLIENT_ID: required when any OIDC_* variable is set",
      "OIDC_CLIENT_SECRET: required when any OIDC_* variable is set",
    ]);
  });

  it("refuses a configuration with no way to sign in", () => {
    expect(problemsOf({ WARD_LOCAL_ACCOUNTS: "false" })).toEqual([expect.stringMatching(/no way to sign in/)]);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", AUTH_SECRET: "" }).demo).toBe(true);
  });
});
