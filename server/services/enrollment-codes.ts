import { createHash, randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { enrollmentCodes, users } from "@/db/schema";
import type { Db } from "@/db/types";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors";
import type { RequestMeta } from "../http/request-meta";
import { hitRateLimit, type RateLimitRule } from "../rate-limit";
import { assertTermsAccepted } from "./terms";

export type Ownership = "personal" | "corporate";

// No 0/O, 1/I/L: a code read off a screen and typed on a phone must not be misread.
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 8;
export const CODE_TTL_SECONDS = 10 * 60;
export const codeCreationLimit: RateLimitRule = { limit: 5, windowSeconds: 10 * 60 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "ABCDEFGH" -> "ABCD-EFGH", the form shown to people and put in the QR payload. */
export function formatEnrollmentCode(normalized: string): string {
  return `${normalized.slice(0, 4)}-${normalized.slice(4)}`;
}

/**
 * The canonical form of what someone typed: any case, with or without the dash, spaces anywhere.
 * Null when it cannot be a code at all (wrong length or a character outside the alphabet).
 */
export function normalizeEnrollmentCode(input: string): string | null {
  const compact = input.replace(/[\s-]+/g, "").toUpperCase();
  if (compact.length !== CODE_LENGTH) return null;
  for (const char of compact) if (!CODE_ALPHABET.includes(char)) return null;
  return compact;
}

/**
 * sha256 hex of the normalized code. A fast hash is enough: codes are random (31^8, ~40 bits),
 * live 10 minutes and work once, so an offline guess from a leaked hash is worthless by the time
 * it succeeds, and a lookup by hash needs a deterministic hash (no salt).
 */
export function hashEnrollmentCode(normalized: string): string {
  return createHash("sha256").update(normalized).digest("hex");
}

function generateCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * The QR payload is a plain https URL to the portal's /enroll page with the code in the query:
 * a phone camera opens the page (which explains the next step), and an agent scanning it takes
 * the server from everything before "/enroll" and the code from the `code` parameter.
 */
export function enrollmentQrPayload(serverUrl: string, code: string): string {
  return `${serverUrl.replace(/\/+$/, "")}/enroll?code=${encodeURIComponent(code)}`;
}

/**
 * Creates a one-time code for the user to enroll a device with the ownership they chose. The
 * user must be active and have accepted the current terms; at most 5 codes per 10 minutes.
 * The code is returned here once and stored only hashed; neither logs nor audit see it.
 */
export async function createEnrollmentCode(
  db: Db,
  userId: string,
  options: { ownership: Ownership },
  meta: RequestMeta,
  serverUrl: string,
): Promise<{ codeId: string; code: string; expiresAt: Date; qrPayload: string }> {
  if (options.ownership !== "personal" && options.ownership !== "corporate") {
    throw new AppError("BAD_REQUEST", "Choose whether the device is personal or corporate.", { reason: "invalid_ownership" });
  }
  const [user] = await db.select({ status: users.status }).from(users).where(eq(users.id, userId));
  if (!user) throw new AppError("NOT_FOUND", "This account no longer exists.");
  if (user.status !== "active") {
    throw new AppError("FORBIDDEN", "This account is not active, so it cannot enroll devices. Contact your IT help desk.", { reason: "account_inactive" });
  }
  await assertTermsAccepted(db, userId);

  const limit = await hitRateLimit(db, `enroll-code:${userId}`, codeCreationLimit);
  if (limit.limited) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `You created ${codeCreationLimit.limit} enrollment codes in the last 10 minutes. Use the most recent one, or try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      { reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds },
    );
  }

  const expiresAt = new Date(Date.now() + CODE_TTL_SECONDS * 1000);
  return db.transaction(async (tx) => {
    // A hash collision with an old code is unlikely but possible (unique index): draw again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = generateCode();
      const [row] = await tx
        .insert(enrollmentCodes)
        .values({ codeHash: hashEnrollmentCode(code), userId, ownership: options.ownership, expiresAt })
        .onConflictDoNothing()
        .returning({ id: enrollmentCodes.id });
      if (!row) continue;
      await recordAudit(tx, {
        actor: { kind: "user", id: userId },
        action: "enrollment.code_created",
        target: { type: "enrollment_code", id: row.id },
        subjectUserId: userId,
        details: { ownership: options.ownership, expiresAt: expiresAt.toISOString() },
        ...meta,
      });
      const shown = formatEnrollmentCode(code);
      return { codeId: row.id, code: shown, expiresAt, qrPayload: enrollmentQrPayload(serverUrl, shown) };
    }
    throw new AppError("INTERNAL", "Could not create an enrollment code. Try again.");
  });
}

/** The state of one of the user's own codes, for the portal's live checklist. */
export async function enrollmentCodeStatus(
  db: Db,
  userId: string,
  codeId: string,
): Promise<{ expiresAt: Date; usedAt: Date | null; deviceId: string | null }> {
  // Anything that is not a uuid cannot be a code; checked here so Postgres never sees a bad cast.
  const [row] = UUID.test(codeId)
    ? await db
        .select({ expiresAt: enrollmentCodes.expiresAt, usedAt: enrollmentCodes.usedAt, deviceId: enrollmentCodes.deviceId })
        .from(enrollmentCodes)
        .where(and(eq(enrollmentCodes.id, codeId), eq(enrollmentCodes.userId, userId)))
    : [];
  if (!row) throw new AppError("NOT_FOUND", "This enrollment code does not exist. Create a new one.");
  return row;
}
