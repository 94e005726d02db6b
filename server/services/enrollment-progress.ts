import { and, desc, eq } from "drizzle-orm";
import QRCode from "qrcode";
import { devices, enrollmentCodes, enrollmentEvents } from "@/db/schema";
import type { Db } from "@/db/types";
import type { Ownership } from "../devices/capabilities";
import { AppError } from "../errors";

export type EnrollmentProgress = {
  codeId: string;
  ownership: Ownership;
  expiresAt: Date;
  /** The server's clock at answer time, so a phone with a wrong clock still counts down right. */
  now: Date;
  steps: { created: true; enrolled: boolean; checkedIn: boolean; evaluated: boolean };
  /** Every step ticked: the device is managed and its compliance is known. */
  done: boolean;
  /** Null before enrollment, or when the device has been deleted since (the code keeps usedAt). */
  device: { id: string; displayName: string; complianceState: string; lastCheckInAt: Date | null } | null;
  /**
   * The newest refusal for this code (restriction, terms, ...), while the code is still unused.
   * Refusals do not consume a code, so after the user fixes the cause a retry may succeed; once
   * it has, an older refusal no longer describes anything and is left out.
   */
  failure: { reasonCode: string | null; message: string; at: Date } | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where the enrollment started with one of the user's own codes stands, for the portal's live
 * checklist: code created -> device enrolled (code used) -> checked in -> compliance evaluated.
 * Another user's code, or no code at all, is NOT_FOUND, so code ids reveal nothing.
 */
export async function enrollmentProgress(db: Db, userId: string, codeId: string, now = new Date()): Promise<EnrollmentProgress> {
  // Checked here so Postgres never sees a bad uuid cast (callers other than tRPC skip zod).
  const [row] = UUID.test(codeId)
    ? await db
        .select({
          ownership: enrollmentCodes.ownership,
          expiresAt: enrollmentCodes.expiresAt,
          usedAt: enrollmentCodes.usedAt,
          deviceId: devices.id,
          displayName: devices.displayName,
          complianceState: devices.complianceState,
          lastCheckInAt: devices.lastCheckInAt,
        })
        .from(enrollmentCodes)
        .leftJoin(devices, eq(devices.id, enrollmentCodes.deviceId))
        .where(and(eq(enrollmentCodes.id, codeId), eq(enrollmentCodes.userId, userId)))
    : [];
  if (!row) throw new AppError("NOT_FOUND", "This enrollment code does not exist. Create a new one.");

  const device = row.deviceId
    ? { id: row.deviceId, displayName: row.displayName!, complianceState: row.complianceState!, lastCheckInAt: row.lastCheckInAt }
    : null;
  const enrolled = row.usedAt !== null;
  const checkedIn = device?.lastCheckInAt != null;
  const evaluated = device !== null && device.complianceState !== "unknown";

  let failure: EnrollmentProgress["failure"] = null;
  if (!enrolled) {
    const [event] = await db
      .select({ reasonCode: enrollmentEvents.reasonCode, message: enrollmentEvents.message, at: enrollmentEvents.createdAt })
      .from(enrollmentEvents)
      .where(and(eq(enrollmentEvents.codeId, codeId), eq(enrollmentEvents.userId, userId), eq(enrollmentEvents.outcome, "failure")))
      .orderBy(desc(enrollmentEvents.createdAt))
      .limit(1);
    // Failures are always written with a message; the fallback keeps the sentence whole if not.
    if (event) failure = { reasonCode: event.reasonCode, message: event.message ?? "The device was refused. Ask IT for help.", at: event.at };
  }

  return {
    codeId,
    ownership: row.ownership,
    expiresAt: row.expiresAt,
    now,
    steps: { created: true, enrolled, checkedIn, evaluated },
    done: enrolled && checkedIn && evaluated,
    device,
    failure,
  };
}

/**
 * The QR code of an enrollment payload as an SVG string. Drawn on the server so the QR library
 * stays out of the phone's JavaScript; dark modules on white with a quiet zone, as scanners need
 * whatever the page's theme.
 */
export function enrollmentQrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}
