import { z } from "zod";

/**
 * Environment, validated once at start-up. Every problem is reported at once, with what to do,
 * and the process refuses to start rather than run half-configured.
 */
const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], { error: "must be true or false" })
  .transform((value) => ["1", "true", "yes", "on"].includes(value));

// A host name or IPv4 address, optionally "*." for its subdomains.
const pushHostPattern = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

const rawSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  WARD_DATA_DIR: z.string().min(1).default(".data"),
  WARD_DEMO: flag.optional(),
  WARD_LOCAL_ACCOUNTS: flag.optional(),
  WARD_TRUST_PROXY: flag.default(false),
  WARD_DEVICE_REQUESTS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(600),
  WARD_STEP_UP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  WARD_ENROLLMENTS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(60),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  NEXTAUTH_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://ward.example.com" }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: "must be the issuer URL of your OIDC provider" }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).max(60).default("Single sign-on"),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL (e.g. smtp://user:pass@mail.example.com:587)" }).optional(),
  SMTP_FROM: z.email("must be an e-mail address such as ward@example.com").optional(),
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, "must be the base64url public key from `npx web-push generate-vapid-keys`").optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{40,50}$/, "must be the base64url private key from `npx web-push generate-vapid-keys`").optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, "must be a mailto: or https:// contact for push services").optional(),
  WARD_PUSH_HOSTS: z
    .string()
    .transform((value, ctx) => {
      const hosts = value
        .split(",")
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean);
      for (const host of hosts.filter((h) => !pushHostPattern.test(h))) {
        ctx.addIssue({ code: "custom", message: `"${host}" is not a host name: list names such as push.example.com or *.push.example.com, comma-separated (no scheme, port or path)` });
      }
      return hosts;
    })
    .default([]),
});

export type Env = {
  nodeEnv: "development" | "production" | "test";
  databaseUrl: string | undefined;
  dataDir: string;
  /** Demo mode: seed demo data, list demo accounts, generate a local auth secret. */
  demo: boolean;
  localAccounts: boolean;
  trustProxy: boolean;
  /** Device API requests per minute from one address (offices behind one NAT share it). */
  deviceRequestsPerAddress: number;
  /** Enrollment attempts per 10 minutes from one address (codes cannot be guessed at that rate). */
  enrollmentsPerAddress: number;
  /** How recent an interactive sign-in must be for wipe, retire and passcode reset. */
  stepUpSeconds: number;
  authSecret: string | undefined;
  authUrl: string;
  port: number;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
  /** SMTP for e-mail notifications; without it (demo) the outbox is read on the demo mailbox page. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Web push keys; null outside demo when unset (push off). Demo generates them in the data folder. */
  vapid: { publicKey: string; privateKey: string } | null;
  vapidSubject: string;
  /** Push service hosts allowed besides the browsers' own ("*.x" for subdomains); see push-endpoint.ts. */
  pushHosts: string[];
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ward cannot start: invalid environment.\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

// Empty strings count as unset, as in .env files.
function withoutEmpty(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => !!entry[1]));
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = rawSchema.safeParse(withoutEmpty(source));
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const raw = parsed.data;
  const problems: string[] = [];
  const demo = raw.WARD_DEMO ?? !raw.DATABASE_URL;
  const localAccounts = raw.WARD_LOCAL_ACCOUNTS ?? demo;

  if (!demo && !raw.AUTH_SECRET) {
    problems.push("AUTH_SECRET: required outside demo mode (generate one with `openssl rand -base64 32`)");
  }
  if (!demo && raw.NODE_ENV === "production" && !raw.NEXTAUTH_URL) {
    problems.push("NEXTAUTH_URL: required in production, the public URL of Ward (e.g. https://ward.example.com)");
  }
  const oidcParts = [raw.OIDC_ISSUER, raw.OIDC_CLIENT_ID, raw.OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    for (const [name, value] of [
      ["OIDC_ISSUER", raw.OIDC_ISSUER],
      ["OIDC_CLIENT_ID", raw.OIDC_CLIENT_ID],
      ["OIDC_CLIENT_SECRET", raw.OIDC_CLIENT_SECRET],
    ] as const) {
      if (!value) problems.push(`${name}: required when any OIDC_* variable is set`);
    }
  }
  const oidc =
    raw.OIDC_ISSUER && raw.OIDC_CLIENT_ID && raw.OIDC_CLIENT_SECRET
      ? { issuer: raw.OIDC_ISSUER, clientId: raw.OIDC_CLIENT_ID, clientSecret: raw.OIDC_CLIENT_SECRET, name: raw.OIDC_NAME }
      : null;
  if (!!raw.VAPID_PUBLIC_KEY !== !!raw.VAPID_PRIVATE_KEY) {
    problems.push(`${raw.VAPID_PUBLIC_KEY ? "VAPID_PRIVATE_KEY" : "VAPID_PUBLIC_KEY"}: set both VAPID keys or neither`);
  }
  if (!localAccounts && !oidc) {
    problems.push("OIDC_ISSUER: no way to sign in: configure OIDC_* or set WARD_LOCAL_ACCOUNTS=true");
  }
  if (problems.length > 0) throw new EnvError(problems);

  return {
    nodeEnv: raw.NODE_ENV,
    databaseUrl: raw.DATABASE_URL,
    dataDir: raw.WARD_DATA_DIR,
    demo,
    localAccounts,
    trustProxy: raw.WARD_TRUST_PROXY,
    deviceRequestsPerAddress: raw.WARD_DEVICE_REQUESTS_PER_ADDRESS,
    enrollmentsPerAddress: raw.WARD_ENROLLMENTS_PER_ADDRESS,
    stepUpSeconds: raw.WARD_STEP_UP_SECONDS,
    authSecret: raw.AUTH_SECRET,
    authUrl: (raw.NEXTAUTH_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ""),
    port: raw.PORT,
    oidc,
    smtpUrl: raw.SMTP_URL,
    smtpFrom: raw.SMTP_FROM ?? "ward@localhost",
    vapid: raw.VAPID_PUBLIC_KEY && raw.VAPID_PRIVATE_KEY ? { publicKey: raw.VAPID_PUBLIC_KEY, privateKey: raw.VAPID_PRIVATE_KEY } : null,
    vapidSubject: raw.VAPID_SUBJECT ?? `mailto:${raw.SMTP_FROM ?? "ward@localhost"}`,
    pushHosts: raw.WARD_PUSH_HOSTS,
  };
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use, i.e. at start-up). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
