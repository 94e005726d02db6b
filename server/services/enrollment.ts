import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { devices, enrollmentCodes, enrollmentEvents, users } from "@/db/schema";
import type { Db, Tx } from "@/db/types";
import { recordAudit } from "../audit/record";
import { enrollRequestSchema, type DeviceFacts, type DeviceInventoryInput } from "../devices/device-facts";
import { platformLabels } from "../devices/platform-labels";
import { AppError, type AppErrorCode } from "../errors";
import type { RequestMeta } from "../http/request-meta";
import { generateDeviceSecret, hashDeviceSecret } from "./device-auth";
import { hashEnrollmentCode, normalizeEnrollmentCode } from "./enrollment-codes";
import { checkRestrictions } from "./enrollment-restrictions";
import { notify } from "./notifications";
import { assertTermsAccepted } from "./terms";

export type EnrollResult = { deviceId: string; deviceSecret: string; checkInSeconds: number };

/** How often an enrolled device checks in when nothing pushes it sooner. */
export const CHECK_IN_SECONDS = 900;

type CodeRow = typeof enrollmentCodes.$inferSelect;
type Refusal = { code: AppErrorCode; reason: string; message: string };

const INVALID_CODE = "This enrollment code is not valid. Check it, or create a new one in the portal.";

function invalidRequest(error: z.ZodError): AppError {
  const issues = error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const first = issues[0];
  return new AppError("BAD_REQUEST", `The enrollment request is not valid: ${first ? `${first.path || "body"}: ${first.message}` : "check its fields."}`, {
    reason: "invalid_request",
    issues,
  });
}

/** "<Manufacturer> <Model>" unless the model already names the maker; the user's own name wins. */
function displayNameFor(facts: DeviceFacts): string {
  const { name, model, manufacturer } = facts;
  if (name) return name;
  if (model && manufacturer && !model.toLowerCase().startsWith(manufacturer.toLowerCase())) return `${manufacturer} ${model}`;
  return model || (manufacturer ? `${manufacturer} device` : `${platformLabels[facts.platform]} device`);
}

/**
 * Why this code cannot enroll this device now, if anything. Runs under the code's row lock and
 * locks the owner's row too, so two enrollments of one user (different codes) cannot both pass
 * the device limit. Lock order is always code, then user.
 */
async function findRefusal(tx: Tx, code: CodeRow, facts: DeviceFacts, now: Date): Promise<Refusal | null> {
  if (code.usedAt) return { code: "CONFLICT", reason: "code_used", message: "This enrollment code was already used. Create a new one in the portal." };
  if (code.expiresAt.getTime() <= now.getTime()) {
    return { code: "GONE", reason: "code_expired", message: "This enrollment code has expired (codes last 10 minutes). Create a new one in the portal." };
  }
  const [owner] = await tx.select({ id: users.id, status: users.status }).from(users).where(eq(users.id, code.userId)).for("update");
  if (!owner || owner.status !== "active") {
    return { code: "UNPROCESSABLE", reason: "account_inactive", message: "The account this code belongs to is not active. Contact your IT help desk." };
  }
  try {
    await assertTermsAccepted(tx, owner.id);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "TERMS_NOT_ACCEPTED") throw error;
    return { code: "UNPROCESSABLE", reason: "terms_not_accepted", message: "Accept your organization's current terms in the portal, then try again with this code." };
  }
  const check = await checkRestrictions(tx, owner, facts, code.ownership, now);
  return check.ok ? null : { code: "UNPROCESSABLE", reason: check.reasonCode, message: check.message };
}

async function recordFailure(tx: Tx, code: CodeRow, facts: DeviceFacts, refusal: Refusal, meta: RequestMeta): Promise<void> {
  await tx.insert(enrollmentEvents).values({
    userId: code.userId,
    codeId: code.id,
    outcome: "failure",
    reasonCode: refusal.reason,
    message: refusal.message,
    platform: facts.platform,
    osVersion: facts.osVersion,
    details: { ownership: code.ownership, model: facts.model || null, manufacturer: facts.manufacturer || null },
    ip: meta.ip,
  });
  await recordAudit(tx, {
    // Not a device yet and not the user's own hand: the enrollment endpoint acts.
    actor: { kind: "system", label: "device enrollment" },
    action: "enrollment.failed",
    target: { type: "enrollment_code", id: code.id },
    subjectUserId: code.userId,
    details: { reason: refusal.reason, platform: facts.platform, osVersion: facts.osVersion, ownership: code.ownership },
    ...meta,
  });
}

async function createDevice(tx: Tx, code: CodeRow, facts: DeviceFacts, inventory: DeviceInventoryInput, meta: RequestMeta): Promise<EnrollResult> {
  const deviceSecret = generateDeviceSecret();
  const displayName = displayNameFor(facts);
  const [device] = await tx
    .insert(devices)
    .values({
      ownerId: code.userId,
      displayName,
      platform: facts.platform,
      osVersion: facts.osVersion,
      model: facts.model || null,
      manufacturer: facts.manufacturer || null,
      serial: facts.serial || null,
      imei: facts.imei || null,
      ownership: code.ownership,
      complianceState: "unknown",
      inventory,
      secretHash: hashDeviceSecret(deviceSecret),
    })
    .returning({ id: devices.id });
  const deviceId = device!.id;
  const used = await tx
    .update(enrollmentCodes)
    .set({ usedAt: new Date(), deviceId })
    .where(and(eq(enrollmentCodes.id, code.id), isNull(enrollmentCodes.usedAt)))
    .returning({ id: enrollmentCodes.id });
  // Cannot happen under the row lock; if it ever did, roll everything back rather than enroll twice.
  if (used.length !== 1) throw new AppError("CONFLICT", "This enrollment code was already used. Create a new one in the portal.", { reason: "code_used" });
  await tx.insert(enrollmentEvents).values({
    userId: code.userId,
    codeId: code.id,
    deviceId,
    outcome: "success",
    platform: facts.platform,
    osVersion: facts.osVersion,
    details: { ownership: code.ownership, model: facts.model || null, manufacturer: facts.manufacturer || null },
    ip: meta.ip,
  });
  await recordAudit(tx, {
    // The device acts for its owner here; subjectUserId ties the event to that person.
    actor: { kind: "device", id: deviceId, label: displayName },
    action: "device.enrolled",
    target: { type: "device", id: deviceId },
    subjectUserId: code.userId,
    details: { platform: facts.platform, osVersion: facts.osVersion, ownership: code.ownership, model: facts.model || null, codeId: code.id },
    ...meta,
  });
  await notify(tx, code.userId, {
    kind: "device_enrolled",
    title: "New device enrolled",
    body: `${displayName} was enrolled to your account. Not you? Report it.`,
    link: `/devices/${deviceId}`,
    data: { deviceId, notYou: true },
  });
  return { deviceId, deviceSecret, checkInSeconds: CHECK_IN_SECONDS };
}

/**
 * Enrolls a device with a one-time code (the body of POST /api/device/v1/enroll, unvalidated).
 * Refusals once the code is known (used 409, expired 410, account, terms or restriction 422) are
 * recorded as an enrollment failure with an audit event, in one transaction, and do NOT consume
 * the code: the user can fix the cause (update the OS, accept the terms) and retry within the
 * 10 minutes. Success marks the code used, creates the device, records the event, audits and
 * notifies the owner, all in one transaction under a lock on the code row, so of two devices
 * racing one code exactly one wins and the other gets 409. The secret is returned only here.
 */
export async function enrollDevice(db: Db, input: unknown, meta: RequestMeta): Promise<EnrollResult> {
  const parsed = enrollRequestSchema.safeParse(input);
  if (!parsed.success) throw invalidRequest(parsed.error);
  const { facts, inventory } = parsed.data;
  const normalized = normalizeEnrollmentCode(parsed.data.code);
  if (!normalized) throw new AppError("BAD_REQUEST", INVALID_CODE, { reason: "invalid_code" });
  const codeHash = hashEnrollmentCode(normalized);
  const now = new Date();

  const outcome = await db.transaction(async (tx): Promise<{ result: EnrollResult } | { error: AppError }> => {
    const [code] = await tx.select().from(enrollmentCodes).where(eq(enrollmentCodes.codeHash, codeHash)).for("update");
    // Unknown codes leave no trace: there is no user to attach a failure to.
    if (!code) return { error: new AppError("BAD_REQUEST", INVALID_CODE, { reason: "invalid_code" }) };
    const refusal = await findRefusal(tx, code, facts, now);
    if (!refusal) return { result: await createDevice(tx, code, facts, inventory, meta) };
    await recordFailure(tx, code, facts, refusal, meta);
    return { error: new AppError(refusal.code, refusal.message, { reason: refusal.reason }) };
  });
  // Thrown after commit, so the failure record survives the refusal.
  if ("error" in outcome) throw outcome.error;
  return outcome.result;
}
