import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Encrypts short secrets (temporary passcodes) at rest with AES-256-GCM. The key is derived from
 * the app secret with HKDF, so one configured secret serves sessions and this box without either
 * use revealing the other's key. The secret is a parameter (callers pass authSecret()), which
 * keeps this module free of env and file access, and testable.
 */

const VERSION = "v1";
const INFO = "ward:passcodes";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function deriveKey(appSecret: string): Buffer {
  if (!appSecret) throw new Error("secret-box: an app secret is required");
  return Buffer.from(hkdfSync("sha256", appSecret, Buffer.alloc(0), INFO, 32));
}

/** "v1.<iv>.<tag>.<ciphertext>", each part base64url. */
export function sealSecret(plaintext: string, appSecret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(appSecret), iv);
  // The version is authenticated too, so a future format cannot be passed off as this one.
  cipher.setAAD(Buffer.from(VERSION));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString("base64url"));
  return [VERSION, ...parts].join(".");
}

/** Throws when the box is malformed, was tampered with, or was sealed with another secret. */
export function openSecret(sealed: string, appSecret: string): string {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error("secret-box: unknown format");
  const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, "base64url")) as [Buffer, Buffer, Buffer];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error("secret-box: unknown format");
  const decipher = createDecipheriv("aes-256-gcm", deriveKey(appSecret), iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(VERSION));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("secret-box: cannot decrypt (tampered or wrong key)");
  }
}
