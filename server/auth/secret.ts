import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "../env";

let cached: string | undefined;

/**
 * AUTH_SECRET, or in demo mode a random secret generated on first start and kept (mode 0600)
 * in the data folder: never a constant shipped in the code.
 */
export function authSecret(): string {
  if (cached) return cached;
  const { authSecret: configured, demo, dataDir } = env();
  if (configured) return (cached = configured);
  if (!demo) throw new Error("AUTH_SECRET is not set");
  const file = path.resolve(dataDir, "auth-secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return (cached = fs.readFileSync(file, "utf8").trim());
}
