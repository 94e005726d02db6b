import { createHash, randomUUID } from "node:crypto";
import { and, count, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { AppError } from "@/server/errors";
import { authenticateDevice } from "@/server/services/device-auth";
import { enrollDevice } from "@/server/services/enrollment";
import { createEnrollmentCode, enrollmentCodeStatus } from "@/server/services/enrollment-codes";
import { acceptTerms } from "@/server/services/terms";
import { addToGroup, makeDevice, makeGroup, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();
const db = () => database.db;
const meta = { ip: "198.51.100.20", userAgent: "vitest-agent" };
const SERVER = "https://ward.test.example";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const facts = (over: Record<string, unknown> = {}) => ({ platform: "android", osVersion: "14", model: "Pixel 8", manufacturer: "Google", serial: `SN-${randomUUID().slice(0, 8)}`, ...over });
const codeFor = (userId: string, ownership: "personal" | "corporate" = "personal") => createEnrollmentCode(db(), userId, { ownership }, meta, SERVER);

const caught = (promise: Promise<unknown>): Promise<AppError> =>
  promise.then(
    () => Promise.reject(new Error("expected a refusal, got success")),
    (error) => (error instanceof AppError ? error : Promise.reject(error)),
  );

const rows = async (table: typeof s.devices | typeof s.enrollmentEvents | typeof s.auditEvents) => Number((await db().select({ n: count() }).from(table))[0]!.n);

/** A refusal: the right error, no device created, and (when the code was known) a failure recorded. */
async function expectRefused(input: unknown, code: AppError["code"], reason: string, recorded = true): Promise<AppError> {
  const [devicesBefore, eventsBefore] = [await rows(s.devices), await rows(s.enrollmentEvents)];
  const error = await caught(enrollDevice(db(), input, meta));
  expect({ code: error.code, reason: error.details?.reason }).toEqual({ code, reason });
  expect(await rows(s.devices)).toBe(devicesBefore);
  expect(await rows(s.enrollmentEvents)).toBe(eventsBefore + (recorded ? 1 : 0));
  if (recorded) {
    const [event] = await db().select().from(s.enrollmentEvents).orderBy(desc(s.enrollmentEvents.createdAt)).limit(1);
    expect(event).toMatchObject({ outcome: "failure", reasonCode: reason, message: error.message, ip: meta.ip });
  }
  return error;
}

async function restriction(opts: { groupIds?: string[]; isDefault?: boolean; priority?: number; deviceLimit?: number; platforms?: Partial<typeof s.enrollmentRestrictionPlatforms.$inferInsert>[] }) {
  const [row] = await db().insert(s.enrollmentRestrictions).values({ name: `R ${randomUUID()}`, isDefault: opts.isDefault ?? false, priority: opts.priority ?? 0, deviceLimit: opts.deviceLimit ?? 5 }).returning();
  if (opts.platforms?.length) await db().insert(s.enrollmentRestrictionPlatforms).values(opts.platforms.map((p) => ({ platform: "android" as const, ...p, restrictionId: row!.id })));
  if (opts.groupIds?.length) await db().insert(s.enrollmentRestrictionGroups).values(opts.groupIds.map((groupId) => ({ restrictionId: row!.id, groupId })));
  return row!;
}

async function userInGroup() {
  const [user, group] = [await makeUser(db()), await makeGroup(db())];
  await addToGroup(db(), user.id, group.id);
  return { user, group };
}

/** A user in a fresh group with that group's own restriction, so tests never affect each other. */
async function restrictedUser(opts: Parameters<typeof restriction>[0]) {
  const { user, group } = await userInGroup();
  await restriction({ ...opts, groupIds: [group.id] });
  return user;
}

/** Terms assigned only to this group (terms for all users would change every other test). */
async function publishGroupTerms(groupId: string) {
  const [doc] = await db().insert(s.terms).values({ name: `Terms ${randomUUID()}`, allUsers: false }).returning();
  await db().insert(s.termsGroups).values({ termsId: doc!.id, groupId });
  const [version] = await db().insert(s.termsVersions).values({ termsId: doc!.id, version: 1, title: "Acceptable use", summary: "Rules.", body: "Be nice.", publishedAt: new Date() }).returning();
  return version!;
}

describe("enrollment codes", () => {
  it("creates a grouped code with a QR URL, stores only its hash and audits without the code", async () => {
    const user = await makeUser(db());
    const created = await codeFor(user.id, "corporate");
    expect(created.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(created.qrPayload).toBe(`${SERVER}/enroll?code=${created.code}`);
    expect(created.expiresAt.getTime() - Date.now()).toBeGreaterThan(9.9 * 60_000);
    const [row] = await db().select().from(s.enrollmentCodes).where(eq(s.enrollmentCodes.id, created.codeId));
    expect(row).toMatchObject({ codeHash: sha256(created.code.replace("-", "")), ownership: "corporate", usedAt: null });
    const audit = await db().select().from(s.auditEvents).where(eq(s.auditEvents.subjectUserId, user.id));
    expect(audit.map((a) => a.action)).toEqual(["enrollment.code_created"]);
    expect(JSON.stringify(audit)).not.toMatch(new RegExp(`${created.code}|${created.code.replace("-", "")}`));
    expect(await enrollmentCodeStatus(db(), user.id, created.codeId)).toEqual({ expiresAt: row!.expiresAt, usedAt: null, deviceId: null });
    const other = await makeUser(db());
    expect((await caught(enrollmentCodeStatus(db(), other.id, created.codeId))).code).toBe("NOT_FOUND");
    expect((await caught(enrollmentCodeStatus(db(), user.id, "not-a-uuid"))).code).toBe("NOT_FOUND");
  });

  it("allows 5 codes per user in 10 minutes", async () => {
    const user = await makeUser(db());
    for (let i = 0; i < 5; i++) await codeFor(user.id);
    const error = await caught(codeFor(user.id));
    expect(error).toMatchObject({ code: "TOO_MANY_REQUESTS", message: "You created 5 enrollment codes in the last 10 minutes. Use the most recent one, or try again in 10 minutes." });
    expect(error.details?.retryAfterSeconds).toBeGreaterThan(500);
    await codeFor((await makeUser(db())).id); // another user is not affected
  });

  it("refuses inactive users and users who have not accepted the terms", async () => {
    const disabled = await makeUser(db(), { status: "disabled" });
    expect((await caught(codeFor(disabled.id))).code).toBe("FORBIDDEN");
    const { user, group } = await userInGroup();
    const version = await publishGroupTerms(group.id);
    expect((await caught(codeFor(user.id))).code).toBe("TERMS_NOT_ACCEPTED");
    await acceptTerms(db(), user.id, version.id, meta);
    await codeFor(user.id);
  });
});

describe("enrollDevice", () => {
  it("enrolls: device, hashed secret that authenticates, used code, event, audit and notification", async () => {
    const { user, group } = await userInGroup();
    await acceptTerms(db(), user.id, (await publishGroupTerms(group.id)).id, meta);
    const { code, codeId } = await codeFor(user.id);
    const inventory = { passcodeSet: true, encrypted: true, storageTotalGb: 128, agentVersion: "1.2.0" };
    const result = await enrollDevice(db(), { code, facts: facts({ imei: "356938035643809" }), inventory }, meta);
    expect(result).toEqual({ deviceId: expect.any(String), deviceSecret: expect.stringMatching(/^[\w-]{43}$/), checkInSeconds: 900 });
    const [device] = await db().select().from(s.devices).where(eq(s.devices.id, result.deviceId));
    expect(device).toMatchObject({ ownerId: user.id, displayName: "Google Pixel 8", platform: "android", osVersion: "14", ownership: "personal", imei: "356938035643809", complianceState: "unknown", managementState: "enrolled", inventory });
    expect(device!.secretHash).toBe(sha256(result.deviceSecret));
    expect(JSON.stringify(device)).not.toContain(result.deviceSecret);
    expect((await authenticateDevice(db(), `Bearer ${result.deviceSecret}`)).id).toBe(result.deviceId);
    expect(await enrollmentCodeStatus(db(), user.id, codeId)).toMatchObject({ usedAt: expect.any(Date), deviceId: result.deviceId });
    const events = await db().select().from(s.enrollmentEvents).where(eq(s.enrollmentEvents.userId, user.id));
    expect(events).toEqual([expect.objectContaining({ outcome: "success", deviceId: result.deviceId, codeId, platform: "android", osVersion: "14", ip: meta.ip })]);
    const [audit] = await db().select().from(s.auditEvents).where(and(eq(s.auditEvents.subjectUserId, user.id), eq(s.auditEvents.action, "device.enrolled")));
    expect(audit).toMatchObject({ actorKind: "device", actorId: result.deviceId, targetType: "device", targetId: result.deviceId, ip: meta.ip });
    expect(JSON.stringify(await db().select().from(s.auditEvents))).not.toContain(result.deviceSecret);
    const notes = await db().select().from(s.notifications).where(eq(s.notifications.userId, user.id));
    expect(notes).toEqual([expect.objectContaining({ kind: "device_enrolled", title: "New device enrolled", body: "Google Pixel 8 was enrolled to your account. Not you? Report it.", link: `/devices/${result.deviceId}`, data: { deviceId: result.deviceId, notYou: true } })]);
  });

  it("accepts the code in lower case, with a space or no dash, and surrounding spaces", async () => {
    const user = await makeUser(db());
    for (const typed of [(c: string) => c.toLowerCase().replace("-", " "), (c: string) => `  ${c.replace("-", "")}  `, (c: string) => c.slice(0, 5) + c.slice(5).toLowerCase()]) {
      const { deviceId } = await enrollDevice(db(), { code: typed((await codeFor(user.id)).code), facts: facts({ name: "Work phone" }) }, meta);
      expect((await db().select().from(s.devices).where(eq(s.devices.id, deviceId)))[0]!.displayName).toBe("Work phone");
    }
  });

  it("refuses unknown codes and malformed bodies (with field details), recording nothing and keeping the code usable", async () => {
    const user = await makeUser(db());
    const { code, codeId } = await codeFor(user.id);
    const audits = await rows(s.auditEvents);
    for (const unknown of ["2222-2222", "ABCD-EFG0", "short", "ABCD-EFGH-JKMN"]) {
      const error = await expectRefused({ code: unknown, facts: facts() }, "BAD_REQUEST", "invalid_code", false);
      expect(error.message).toBe("This enrollment code is not valid. Check it, or create a new one in the portal.");
    }
    for (const [input, path] of [
      [null, ""],
      [{ code }, "facts"],
      [{ code: 42, facts: facts() }, "code"],
      [{ code, facts: facts({ platform: "symbian" }) }, "facts.platform"],
      [{ code, facts: facts({ osVersion: "beta" }) }, "facts.osVersion"],
      [{ code, facts: facts(), inventory: { passcodeSet: "yes" } }, "inventory.passcodeSet"],
      [{ code, facts: facts(), inventory: { nested: { deep: true } } }, "inventory.nested"],
    ] as const) {
      const error = await expectRefused(input, "BAD_REQUEST", "invalid_request", false);
      expect((error.details!.issues as { path: string }[])[0]!.path).toBe(path);
    }
    expect(await rows(s.auditEvents)).toBe(audits);
    expect((await enrollmentCodeStatus(db(), user.id, codeId)).usedAt).toBeNull();
    await enrollDevice(db(), { code, facts: facts() }, meta);
  });

  it("refuses an expired code with 410 and a reused one with 409", async () => {
    const user = await makeUser(db());
    const expired = await codeFor(user.id);
    await db().update(s.enrollmentCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(s.enrollmentCodes.id, expired.codeId));
    await expectRefused({ code: expired.code, facts: facts() }, "GONE", "code_expired");
    const [audit] = await db().select().from(s.auditEvents).where(and(eq(s.auditEvents.subjectUserId, user.id), eq(s.auditEvents.action, "enrollment.failed")));
    expect(audit).toMatchObject({ actorKind: "system", targetId: expired.codeId, details: expect.objectContaining({ reason: "code_expired" }) });
    const { code } = await codeFor(user.id);
    await enrollDevice(db(), { code, facts: facts() }, meta);
    const error = await expectRefused({ code, facts: facts() }, "CONFLICT", "code_used");
    expect(error.httpStatus).toBe(409);
  });

  it("lets exactly one of two devices racing one code win", async () => {
    const user = await makeUser(db());
    const { code } = await codeFor(user.id);
    const results = await Promise.allSettled([enrollDevice(db(), { code, facts: facts() }, meta), enrollDevice(db(), { code, facts: facts() }, meta)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(rejected.map((r) => [(r.reason as AppError).code, (r.reason as AppError).details?.reason])).toEqual([["CONFLICT", "code_used"]]);
    expect(await db().select().from(s.devices).where(eq(s.devices.ownerId, user.id))).toHaveLength(1);
    // The loser waited on the code's row lock, then saw it used and recorded why.
    const events = await db().select().from(s.enrollmentEvents).where(eq(s.enrollmentEvents.userId, user.id));
    expect(events.map((e) => e.reasonCode ?? e.outcome).sort()).toEqual(["code_used", "success"]);
  });

  it("refuses an inactive owner and an owner who has not accepted new terms (422)", async () => {
    const user = await makeUser(db());
    const { code } = await codeFor(user.id);
    await db().update(s.users).set({ status: "departed" }).where(eq(s.users.id, user.id));
    await expectRefused({ code, facts: facts() }, "UNPROCESSABLE", "account_inactive");
    const { user: other, group } = await userInGroup();
    const second = await codeFor(other.id);
    const version = await publishGroupTerms(group.id); // published after the code was made
    const error = await expectRefused({ code: second.code, facts: facts() }, "UNPROCESSABLE", "terms_not_accepted");
    expect(error.httpStatus).toBe(422);
    await acceptTerms(db(), other.id, version.id, meta);
    await enrollDevice(db(), { code: second.code, facts: facts() }, meta); // the refusal did not use the code up
  });

  // Each refusal, then the same code again once the cause is fixed (a refusal does not use it up).
  it.each([
    ["platform_blocked", { allowed: false }, {}, { platform: "ios", osVersion: "17.4" }, "Your organization does not allow Android devices to enroll. Use a device with another operating system, or ask IT."],
    ["personal_not_allowed", { personalAllowed: false }, {}, { platform: "windows", osVersion: "10.0.22631" }, "Your organization does not allow personal Android devices. Enroll a corporate device or ask IT."],
    ["os_too_old", { minOsVersion: "10" }, { osVersion: "9.9.9" }, { osVersion: "10.0" }, "Android 9.9.9 is older than the minimum version (10) allowed for enrollment. Update the device and try again."],
    ["os_too_new", { maxOsVersion: "14" }, { osVersion: "15 beta" }, { osVersion: "14.0.0" }, "Android 15 beta is newer than the latest version (14) allowed for enrollment. Ask IT when it will be allowed, or enroll another device."],
  ])("refuses with %s and a sentence saying what to do", async (reason, rule, refused, fixed, message) => {
    const user = await restrictedUser({ platforms: [rule] });
    const { code } = await codeFor(user.id);
    const error = await expectRefused({ code, facts: facts(refused) }, "UNPROCESSABLE", reason);
    expect(error.message).toBe(message);
    const [event] = await db().select().from(s.enrollmentEvents).where(eq(s.enrollmentEvents.userId, user.id));
    expect(event).toMatchObject({ outcome: "failure", reasonCode: reason, message, platform: "android", osVersion: facts(refused).osVersion });
    await enrollDevice(db(), { code, facts: facts(fixed) }, meta);
  });

  it("allows a corporate device where personal ones are refused", async () => {
    const user = await restrictedUser({ platforms: [{ personalAllowed: false }] });
    await enrollDevice(db(), { code: (await codeFor(user.id, "corporate")).code, facts: facts() }, meta);
  });

  it("applies the highest-priority group restriction, else the default one", async () => {
    const user = await makeUser(db());
    const [low, high] = [await makeGroup(db()), await makeGroup(db())];
    for (const group of [low, high]) await addToGroup(db(), user.id, group.id);
    await restriction({ groupIds: [low.id], priority: 1 });
    await restriction({ groupIds: [high.id], priority: 10, platforms: [{ platform: "windows", allowed: false }] });
    const { code } = await codeFor(user.id);
    await expectRefused({ code, facts: facts({ platform: "windows", osVersion: "10.0.22631" }) }, "UNPROCESSABLE", "platform_blocked");
    const fallback = await restriction({ isDefault: true, platforms: [{ platform: "linux", allowed: false }] });
    try {
      const loner = await makeUser(db());
      const second = await codeFor(loner.id);
      await expectRefused({ code: second.code, facts: facts({ platform: "linux", osVersion: "6.5.0-14-generic" }) }, "UNPROCESSABLE", "platform_blocked");
      await enrollDevice(db(), { code: code, facts: facts({ platform: "linux", osVersion: "6.5" }) }, meta); // group rule wins
    } finally {
      await db().delete(s.enrollmentRestrictions).where(eq(s.enrollmentRestrictions.id, fallback.id));
    }
  });

  it("counts devices seen in the last 90 days that are not retired or wiped toward the limit", async () => {
    const user = await makeUser(db()); // no restriction applies: the built-in limit of 5
    const day = 24 * 3600 * 1000;
    const fresh = [];
    for (let i = 0; i < 4; i++) fresh.push(await makeDevice(db(), user.id));
    const ago = (days: number) => new Date(Date.now() - days * day);
    // Counts: enrolled long ago but seen 2 days ago. Does not count: unseen for 100 days, retired, wiped.
    for (const extra of [{ enrolledAt: ago(400), lastCheckInAt: ago(2) }, { enrolledAt: ago(200), lastCheckInAt: ago(100) }, { managementState: "retired" as const }, { managementState: "wiped" as const }]) {
      await makeDevice(db(), user.id, extra);
    }
    const { code } = await codeFor(user.id);
    const error = await expectRefused({ code, facts: facts() }, "UNPROCESSABLE", "device_limit_reached");
    expect(error.message).toBe("You have 5 devices, the limit. Remove one you no longer use, then try again.");
    await db().update(s.devices).set({ managementState: "retired" }).where(eq(s.devices.id, fresh[0]!.id));
    await enrollDevice(db(), { code, facts: facts() }, meta);
    const limited = await restrictedUser({ deviceLimit: 1 });
    const [a, b] = [await codeFor(limited.id), await codeFor(limited.id)];
    // Two at once: the owner's row lock makes the second see the first.
    const results = await Promise.allSettled([a, b].map(({ code }) => enrollDevice(db(), { code, facts: facts() }, meta)));
    expect(results.map((r) => (r.status === "fulfilled" ? "ok" : (r.reason as AppError).details?.reason)).sort()).toEqual(["device_limit_reached", "ok"]);
    const [event] = await db().select().from(s.enrollmentEvents).where(and(eq(s.enrollmentEvents.userId, limited.id), eq(s.enrollmentEvents.outcome, "failure")));
    expect(event!.message).toBe("You have 1 device, the limit. Remove one you no longer use, then try again.");
  });
});

describe("authenticateDevice", () => {
  it.each([null, "", "Bearer", "Bearer ", "Basic abc", `Bearer ${"A".repeat(43)}`, "Bearer short", `Bearer ${"A".repeat(43)} extra`])("answers 401 to %j", async (header) => {
    const error = await caught(authenticateDevice(db(), header));
    expect([error.code, error.httpStatus, error.message]).toEqual(["UNAUTHORIZED", 401, "Unknown device secret."]);
  });

  it("refuses retired and wiped devices with 403, still serves one that is only pending retirement", async () => {
    const user = await makeUser(db());
    const { code } = await codeFor(user.id);
    const { deviceId, deviceSecret } = await enrollDevice(db(), { code, facts: facts() }, meta);
    const setState = (managementState: "retire_pending" | "retired" | "wiped") => db().update(s.devices).set({ managementState }).where(eq(s.devices.id, deviceId));
    await setState("retire_pending");
    expect((await authenticateDevice(db(), `bearer  ${deviceSecret}`)).id).toBe(deviceId);
    for (const state of ["retired", "wiped"] as const) {
      await setState(state);
      const error = await caught(authenticateDevice(db(), `Bearer ${deviceSecret}`));
      expect([error.code, error.httpStatus, error.details?.reason]).toEqual(["FORBIDDEN", 403, state === "retired" ? "device_retired" : "device_wiped"]);
    }
  });
});
