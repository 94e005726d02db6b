import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { devices } from "@/db/schema";
import type { Db } from "@/db/types";
import { AppError } from "../errors";

export type AuthenticatedDevice = typeof devices.$inferSelect;

// 32 random bytes in base64url are 43 characters; anything else cannot be a secret we issued.
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const BEARER = /^\s*Bearer\s+(\S+)\s*$/i;

/** A new device secret: 256 random bits, base64url. Shown to the device once, stored hashed. */
export function generateDeviceSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * sha256 hex of the secret. A fast, unsalted hash is right here: the secret has 256 bits of
 * entropy (nothing to brute-force) and each request must find its device by this hash.
 */
export function hashDeviceSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/**
 * The device a request comes from, by its bearer secret. The secret is never logged or echoed.
 * A lookup by hash does not leak the secret through timing, so no constant-time compare is needed.
 * Retired and wiped devices are refused (403) so the agent knows to stop rather than retry.
 */
export async function authenticateDevice(db: Db, authorizationHeader: string | null): Promise<AuthenticatedDevice> {
  const secret = authorizationHeader ? BEARER.exec(authorizationHeader)?.[1] : undefined;
  const [device] =
    secret && SECRET_PATTERN.test(secret)
      ? await db.select().from(devices).where(eq(devices.secretHash, hashDeviceSecret(secret))).limit(1)
      : [];
  if (!device) throw new AppError("UNAUTHORIZED", "Unknown device secret.", { reason: "unknown_secret" });
  if (device.managementState === "retired") {
    throw new AppError("FORBIDDEN", "This device was retired and is no longer managed. Enroll it again to manage it.", { reason: "device_retired" });
  }
  if (device.managementState === "wiped") {
    throw new AppError("FORBIDDEN", "This device was wiped and is no longer managed. Enroll it again to manage it.", { reason: "device_wiped" });
  }
  return device;
}
