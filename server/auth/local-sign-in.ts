import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Db } from "@/db/types";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors";
import { hitRateLimit, peekRateLimit, resetRateLimit, type RateLimitRule } from "../rate-limit";
import type { RequestMeta } from "../http/request-meta";
import { credentialsSchema } from "./credentials";
import { dummyPasswordHash, verifyPassword } from "./password";

export type SignedInUser = { id: string; email: string; name: string };

// Failed attempts: 5 per account and 30 per address in 15 minutes.
export const accountAttempts: RateLimitRule = { limit: 5, windowSeconds: 15 * 60 };
export const addressAttempts: RateLimitRule = { limit: 30, windowSeconds: 15 * 60 };

const WRONG = "That email and password do not match an account. Check them and try again.";

function tooMany(retryAfterSeconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new AppError(
    "TOO_MANY_REQUESTS",
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    { retryAfterSeconds },
  );
}

/** Email + password sign-in: validated, rate-limited, constant-time, audited. Throws AppError. */
export async function signInWithPassword(db: Db, input: unknown, meta: RequestMeta): Promise<SignedInUser> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("BAD_REQUEST", parsed.error.issues[0]?.message ?? "Enter your email and password.");
  }
  const email = parsed.data.email.toLowerCase();
  const accountKey = `signin:${email}`;
  const addressKey = `signin-ip:${meta.ip ?? "unknown"}`;

  for (const [key, rule] of [
    [accountKey, accountAttempts],
    [addressKey, addressAttempts],
  ] as const) {
    const state = await peekRateLimit(db, key, rule);
    if (state.limited) throw tooMany(state.retryAfterSeconds);
  }

  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email)).limit(1);
  const passwordOk = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await dummyPasswordHash()));

  if (!user || !user.passwordHash || !passwordOk) {
    await hitRateLimit(db, accountKey, accountAttempts);
    await hitRateLimit(db, addressKey, addressAttempts);
    await db.transaction((tx) =>
      recordAudit(tx, {
        actor: user ? { kind: "user", id: user.id, label: user.email } : { kind: "system", label: "anonymous" },
        action: "auth.sign_in_failed",
        subjectUserId: user?.id ?? null,
        details: { method: "password", reason: user ? "wrong_password" : "unknown_account" },
        ...meta,
      }),
    );
    throw new AppError("UNAUTHORIZED", WRONG);
  }
  if (user.status !== "active") {
    throw new AppError("FORBIDDEN", "This account is not active. Contact your IT help desk.");
  }

  await resetRateLimit(db, accountKey);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      actor: { kind: "user", id: user.id, label: user.email },
      action: "auth.sign_in",
      subjectUserId: user.id,
      details: { method: "password" },
      ...meta,
    });
  });
  return { id: user.id, email: user.email, name: user.name };
}
