import { eq } from "drizzle-orm";
import { deviceCommands, devices } from "@/db/schema";
import type { Db } from "@/db/types";
import { recordAudit } from "../audit/record";
import { openSecret } from "../crypto/secret-box";
import { AppError } from "../errors";
import type { RequestMeta } from "../http/request-meta";
import { isUuid } from "./command-effects";

/** How long the owner can read a temporary passcode after asking for it. */
export const PASSCODE_REVEAL_DAYS = 7;

/**
 * Shows the owner the temporary passcode of a reset_passcode command. Only the owner (staff never
 * read it), only while the 7 days last, and never for a reset that did not happen (canceled,
 * failed, expired). Every reveal is audited, without the passcode.
 */
export async function revealPasscode(
  db: Db,
  ownerUserId: string,
  commandId: string,
  meta: RequestMeta,
  opts: { passcodeKey: string; now?: Date },
): Promise<{ passcode: string; expiresAt: Date }> {
  const now = opts.now ?? new Date();
  const [command] = isUuid(commandId)
    ? await db
        .select({
          id: deviceCommands.id,
          deviceId: deviceCommands.deviceId,
          kind: deviceCommands.kind,
          status: deviceCommands.status,
          secretCiphertext: deviceCommands.secretCiphertext,
          createdAt: deviceCommands.createdAt,
          ownerId: devices.ownerId,
        })
        .from(deviceCommands)
        .innerJoin(devices, eq(devices.id, deviceCommands.deviceId))
        .where(eq(deviceCommands.id, commandId))
    : [];
  // Another user's command and a command without a passcode look the same: nothing to reveal.
  if (!command || command.ownerId !== ownerUserId || command.kind !== "reset_passcode" || !command.secretCiphertext) {
    throw new AppError("NOT_FOUND", "There is no temporary passcode for this action.");
  }
  const expiresAt = new Date(command.createdAt.getTime() + PASSCODE_REVEAL_DAYS * 24 * 60 * 60 * 1000);
  if (now >= expiresAt) throw new AppError("GONE", "This temporary passcode can no longer be shown.", { reason: "reveal_expired" });
  if (command.status === "canceled" || command.status === "failed" || command.status === "expired") {
    throw new AppError("GONE", "This passcode was never set on the device.", { reason: command.status });
  }
  const passcode = openSecret(command.secretCiphertext, opts.passcodeKey);
  await db.transaction((tx) =>
    recordAudit(tx, {
      actor: { kind: "user", id: ownerUserId },
      action: "device.passcode_revealed",
      target: { type: "device", id: command.deviceId },
      subjectUserId: ownerUserId,
      details: { commandId: command.id },
      ...meta,
    }),
  );
  return { passcode, expiresAt };
}
