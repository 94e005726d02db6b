import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { AppError } from "@/server/errors";
import { checkIn } from "@/server/services/check-in";
import { authenticateDevice } from "@/server/services/device-auth";
import { enrollDevice } from "@/server/services/enrollment";
import { createEnrollmentCode } from "@/server/services/enrollment-codes";
import { enrollmentProgress, enrollmentQrSvg } from "@/server/services/enrollment-progress";
import { acceptTerms, termsAcceptanceHistory } from "@/server/services/terms";
import { addToGroup, makeGroup, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();
const db = () => database.db;
const meta = { ip: "198.51.100.30", userAgent: "vitest-progress" };
const facts = (over: Record<string, unknown> = {}) => ({ platform: "android", osVersion: "14", model: "Pixel 8", manufacturer: "Google", serial: `SN-${randomUUID().slice(0, 8)}`, ...over });
const enroll = (code: string, over: Record<string, unknown> = {}) => enrollDevice(db(), { code, facts: facts(over), inventory: { passcodeSet: true, encrypted: true, jailbroken: false } }, meta);

/** A user in a fresh group whose own restriction wants Android 13 or later (so tests stay apart). */
async function restrictedUser() {
  const [user, group] = [await makeUser(db()), await makeGroup(db())];
  await addToGroup(db(), user.id, group.id);
  const [restriction] = await db().insert(s.enrollmentRestrictions).values({ name: `R ${randomUUID()}`, priority: 1 }).returning();
  await db().insert(s.enrollmentRestrictionPlatforms).values({ restrictionId: restriction!.id, platform: "android", minOsVersion: "13" });
  await db().insert(s.enrollmentRestrictionGroups).values({ restrictionId: restriction!.id, groupId: group.id });
  return user;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => Promise.reject(new Error("expected a refusal")),
    (error: unknown) => (error instanceof AppError ? error : Promise.reject(error)),
  );

describe("enrollment progress", () => {
  it("starts with only the code created", async () => {
    const user = await makeUser(db());
    const code = await createEnrollmentCode(db(), user.id, { ownership: "corporate" }, meta, "https://ward.test");
    const now = new Date();
    const progress = await enrollmentProgress(db(), user.id, code.codeId, now);
    expect(progress).toEqual({
      codeId: code.codeId,
      ownership: "corporate",
      expiresAt: code.expiresAt,
      now,
      steps: { created: true, enrolled: false, checkedIn: false, evaluated: false },
      done: false,
      device: null,
      failure: null,
    });
  });

  it("answers NOT_FOUND for another user's code and for ids that are not codes", async () => {
    const [owner, other] = [await makeUser(db()), await makeUser(db())];
    const code = await createEnrollmentCode(db(), owner.id, { ownership: "personal" }, meta, "https://ward.test");
    for (const id of [code.codeId, randomUUID(), "not-a-uuid", "'; drop table devices; --"]) {
      const error = await refusal(enrollmentProgress(db(), other.id, id));
      expect(error.code).toBe("NOT_FOUND");
    }
  });

  it("shows the newest refusal for the code, and drops it once a retry enrolls", async () => {
    const user = await restrictedUser();
    const code = await createEnrollmentCode(db(), user.id, { ownership: "personal" }, meta, "https://ward.test");
    await refusal(enroll(code.code, { osVersion: "11" }));
    await refusal(enroll(code.code, { osVersion: "12" }));
    const refused = await enrollmentProgress(db(), user.id, code.codeId);
    expect(refused.steps.enrolled).toBe(false);
    expect(refused.failure).toMatchObject({ reasonCode: "os_too_old", message: expect.stringContaining("Android 12 is older than the minimum version (13)") });

    // Another code of the same user does not see this code's refusals.
    const other = await createEnrollmentCode(db(), user.id, { ownership: "personal" }, meta, "https://ward.test");
    expect((await enrollmentProgress(db(), user.id, other.codeId)).failure).toBeNull();

    // Refusals do not consume the code: after an OS update the same code works.
    await enroll(code.code, { osVersion: "14" });
    const enrolled = await enrollmentProgress(db(), user.id, code.codeId);
    expect(enrolled.failure).toBeNull();
    expect(enrolled.steps).toEqual({ created: true, enrolled: true, checkedIn: false, evaluated: false });
  });

  it("ticks enrolled, checked in and evaluated as the device does each", async () => {
    const user = await makeUser(db());
    const code = await createEnrollmentCode(db(), user.id, { ownership: "personal" }, meta, "https://ward.test");
    const { deviceId, deviceSecret } = await enroll(code.code);

    const enrolled = await enrollmentProgress(db(), user.id, code.codeId);
    expect(enrolled.steps).toEqual({ created: true, enrolled: true, checkedIn: false, evaluated: false });
    expect(enrolled.device).toMatchObject({ id: deviceId, displayName: "Google Pixel 8", complianceState: "unknown", lastCheckInAt: null });

    // A check-in without an evaluation is not something the services do; set it directly to see the step apart.
    await db().update(s.devices).set({ lastCheckInAt: new Date() }).where(eq(s.devices.id, deviceId));
    const checkedIn = await enrollmentProgress(db(), user.id, code.codeId);
    expect(checkedIn.steps).toEqual({ created: true, enrolled: true, checkedIn: true, evaluated: false });
    expect(checkedIn.done).toBe(false);

    const device = await authenticateDevice(db(), `Bearer ${deviceSecret}`);
    await checkIn(db(), device, { inventory: { passcodeSet: true, encrypted: true, jailbroken: false } }, { passcodeKey: "progress-test-key" });
    const done = await enrollmentProgress(db(), user.id, code.codeId);
    expect(done.steps).toEqual({ created: true, enrolled: true, checkedIn: true, evaluated: true });
    expect(done.done).toBe(true);
    expect(done.device?.complianceState).not.toBe("unknown");
  });

  it("draws the QR code as an SVG", async () => {
    const svg = await enrollmentQrSvg("https://ward.test/enroll?code=ABCD-EFGH");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("viewBox");
  });
});

describe("terms acceptance history", () => {
  it("lists every accepted version, newest first, only the user's own", async () => {
    const [user, other] = [await makeUser(db()), await makeUser(db())];
    const group = await makeGroup(db());
    await addToGroup(db(), user.id, group.id);
    await addToGroup(db(), other.id, group.id);
    const [doc] = await db().insert(s.terms).values({ name: `Terms ${randomUUID()}`, allUsers: false }).returning();
    await db().insert(s.termsGroups).values({ termsId: doc!.id, groupId: group.id });
    const publish = async (version: number) =>
      (await db().insert(s.termsVersions).values({ termsId: doc!.id, version, title: `Rules v${version}`, summary: "s", body: "b", publishedAt: new Date() }).returning())[0]!;

    expect(await termsAcceptanceHistory(db(), user.id)).toEqual([]);
    const v1 = await publish(1);
    await acceptTerms(db(), user.id, v1.id, meta);
    const v2 = await publish(2);
    await acceptTerms(db(), user.id, v2.id, meta);
    await acceptTerms(db(), other.id, v2.id, meta);

    const history = await termsAcceptanceHistory(db(), user.id);
    expect(history.map((h) => [h.title, h.version, h.termsName])).toEqual([
      ["Rules v2", 2, doc!.name],
      ["Rules v1", 1, doc!.name],
    ]);
    expect(history[0]!.acceptedAt.getTime()).toBeGreaterThanOrEqual(history[1]!.acceptedAt.getTime());
  });
});
