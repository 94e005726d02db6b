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

describe("environment: e-mail", () => {
  it("accepts smtp:// and smtps:// servers and leaves e-mail unconfigured without one", () => {
    expect(parseEnv({}).smtpUrl).toBeUndefined();
    expect(parseEnv({ SMTP_URL: "smtp://user:pass@mail.example.com:587" }).smtpUrl).toBe("smtp://user:pass@mail.example.com:587");
    expect(parseEnv({ SMTP_URL: "smtps://mail.example.com" }).smtpUrl).toBe("smtps://mail.example.com");
  });

  it("refuses any other SMTP_URL with what to set instead", () => {
    for (const url of ["http://mail.example.com", "mail.example.com:25", "smtp//mail.example.com"]) {
      expect(problemsOf({ SMTP_URL: url })).toEqual(["SMTP_URL: must be an smtp:// or smtps:// URL (e.g. smtp://user:pass@mail.example.com:587)"]);
    }
  });

  it("sends from SMTP_FROM (an e-mail address), ward@localhost by default", () => {
    expect(parseEnv({}).smtpFrom).toBe("ward@localhost");
    expect(parseEnv({ SMTP_FROM: "it@acme.example" }).smtpFrom).toBe("it@acme.example");
    expect(problemsOf({ SMTP_FROM: "Acme IT" })).toEqual(["SMTP_FROM: must be an e-mail address such as ward@example.com"]);
  });
});

describe("environment: web push", () => {
  // From `npx web-push generate-vapid-keys`.
  const publicKey = "BHst3GJalnvoHazg2BFAjHP-dEj0jwDwy63BGCcFjJ1F0O5gPlF7L7jz0P57o7xNs1A5Lov8-L3IprExsv42d20";
  const privateKey = "MZ1wO469wfUeZdAKmEbxWnMHGBJXzGe-iKVMieMziLM";

  it("takes both VAPID keys, or neither (push off)", () => {
    expect(parseEnv({}).vapid).toBeNull();
    expect(parseEnv({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey }).vapid).toEqual({ publicKey, privateKey });
    expect(problemsOf({ VAPID_PUBLIC_KEY: publicKey })).toEqual(["VAPID_PRIVATE_KEY: set both VAPID keys or neither"]);
    expect(problemsOf({ VAPID_PRIVATE_KEY: privateKey })).toEqual(["VAPID_PUBLIC_KEY: set both VAPID keys or neither"]);
  });

  it("names a VAPID key that is not base64url of the right size", () => {
    const problems = problemsOf({ VAPID_PUBLIC_KEY: `${publicKey.slice(0, 40)}+/${publicKey.slice(42)}`, VAPID_PRIVATE_KEY: privateKey.slice(0, 20) });
    expect(problems.sort()).toEqual([
      "VAPID_PRIVATE_KEY: must be the base64url private key from `npx web-push generate-vapid-keys`",
      "VAPID_PUBLIC_KEY: must be the base64url public key from `npx web-push generate-vapid-keys`",
    ]);
  });

  it("uses a mailto: or https:// subject, mailto:<SMTP_FROM> by default", () => {
    expect(parseEnv({}).vapidSubject).toBe("mailto:ward@localhost");
    expect(parseEnv({ SMTP_FROM: "it@acme.example" }).vapidSubject).toBe("mailto:it@acme.example");
    expect(parseEnv({ VAPID_SUBJECT: "https://acme.example/contact" }).vapidSubject).toBe("https://acme.example/contact");
    expect(parseEnv({ VAPID_SUBJECT: "mailto:push@acme.example" }).vapidSubject).toBe("mailto:push@acme.example");
    for (const subject of ["push@acme.example", "http://acme.example"]) {
      expect(problemsOf({ VAPID_SUBJECT: subject })).toEqual(["VAPID_SUBJECT: must be a mailto: or https:// contact for push services"]);
    }
  });

  it("reads WARD_PUSH_HOSTS as a list of host names, lower case, blanks ignored", () => {
    expect(parseEnv({}).pushHosts).toEqual([]);
    expect(parseEnv({ WARD_PUSH_HOSTS: " Push.Acme.example, *.push.example.net,,127.0.0.1 " }).pushHosts).toEqual([
      "push.acme.example",
      "*.push.example.net",
      "127.0.0.1",
    ]);
  });

  it("refuses WARD_PUSH_HOSTS entries that are not host names, naming each", () => {
    const problems = problemsOf({ WARD_PUSH_HOSTS: "push.acme.example,https://push.example.net,push.example.org:8443,*,a.*.example,-bad.example" });
    expect(problems).toHaveLength(5);
    for (const [problem, host] of problems.map((p, i) => [p, ["https://push.example.net", "push.example.org:8443", "*", "a.*.example", "-bad.example"][i]])) {
      expect(problem).toBe(
        `WARD_PUSH_HOSTS: "${host}" is not a host name: list names such as push.example.com or *.push.example.com, comma-separated (no scheme, port or path)`,
      );
    }
  });
});
