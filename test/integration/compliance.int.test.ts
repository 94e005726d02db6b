import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, complianceResults, compliancePolicies, complianceRules, devices, notifications, type DeviceInventory } from "@/db/schema";
import type { RuleKind } from "@/server/compliance/rules";
import { sweepCompliance } from "@/server/jobs/compliance-sweep";
import { accessStatusForUser } from "@/server/services/access-status";
import { evaluateDeviceCompliance } from "@/server/services/compliance";
import { makeDevice, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();
const HOUR = 3_600_000;
const t0 = new Date("2025-06-01T12:00:00.000Z");
const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);
const healthy: DeviceInventory = { passcodeSet: true, encrypted: true, jailbroken: false };

type Platform = (typeof devices.$inferSelect)["platform"];

/** Replaces the platform's policies with one, so each test controls exactly what applies. */
async function onlyPolicy(platform: Platform, rules: [RuleKind, string, string?][], gracePeriodHours = 72) {
  const db = database.db;
  await db.delete(compliancePolicies).where(eq(compliancePolicies.platform, platform));
  return addPolicy(platform, rules, gracePeriodHours);
}

async function addPolicy(platform: Platform, rules: [RuleKind, string, string?][], gracePeriodHours = 72) {
  const db = database.db;
  const [policy] = await db.insert(compliancePolicies).values({ name: `${platform} ${crypto.randomUUID()}`, platform, gracePeriodHours }).returning();
  const rows = await db
    .insert(complianceRules)
    .values(rules.map(([kind, value, remediation]) => ({ policyId: policy!.id, kind, value, remediation: remediation ?? null })))
    .returning();
  return { policy: policy!, rules: rows };
}

const androidBaseline = (grace = 72) =>
  onlyPolicy("android", [["os_min_version", "13"], ["passcode_required", "true"], ["not_jailbroken", "true"], ["encryption_required", "true"]], grace);

const evaluate = (deviceId: string, now: Date) => database.db.transaction((tx) => evaluateDeviceCompliance(tx, deviceId, now));
const deviceRow = async (id: string) => (await database.db.select().from(devices).where(eq(devices.id, id)))[0]!;
const notificationsOf = (userId: string) => database.db.select().from(notifications).where(eq(notifications.userId, userId));
const changesOf = (deviceId: string) =>
  database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "device.compliance_changed"), eq(auditEvents.targetId, deviceId)))
    .orderBy(auditEvents.seq);
const setInventory = (id: string, inventory: DeviceInventory, osVersion?: string) =>
  database.db.update(devices).set({ inventory, ...(osVersion ? { osVersion } : {}) }).where(eq(devices.id, id));

describe("evaluateDeviceCompliance", () => {
  it("marks a device that meets every rule compliant and stores each result", async () => {
    await androidBaseline();
    const user = await makeUser(database.db);
    const device = await makeDevice(database.db, user.id, { osVersion: "14", inventory: healthy });
    const result = await evaluate(device.id, t0);
    expect(result).toMatchObject({ state: "compliant", graceDeadline: null, changed: true });
    expect(result.rules).toHaveLength(4);
    expect(result.rules.every((rule) => rule.status === "compliant" && rule.remediation === null)).toBe(true);
    expect(result.rules.find((rule) => rule.kind === "os_min_version")).toMatchObject({ reportedValue: "14", expected: "Android 13 or later" });

    const stored = await database.db.select().from(complianceResults).where(eq(complianceResults.deviceId, device.id));
    expect(stored).toHaveLength(4);
    expect(stored.every((row) => row.status === "compliant" && row.evaluatedAt.getTime() === t0.getTime())).toBe(true);
    expect(await deviceRow(device.id)).toMatchObject({ complianceState: "compliant", complianceSince: t0, graceDeadline: null });
    expect(await notificationsOf(user.id)).toHaveLength(0);
    const [change] = await changesOf(device.id);
    expect(change).toMatchObject({ actorKind: "system", subjectUserId: user.id, details: { from: "unknown", to: "compliant" } });
  });

  it("puts a failing device in grace once, keeps the deadline, and clears it when fixed", async () => {
    await androidBaseline(72);
    const user = await makeUser(database.db);
    const device = await makeDevice(database.db, user.id, { osVersion: "12", inventory: healthy });

    const first = await evaluate(device.id, t0);
    expect(first).toMatchObject({ state: "in_grace", graceDeadline: at(72), changed: true });
    const failing = first.rules.filter((rule) => rule.status !== "compliant");
    expect(failing).toEqual([
      expect.objectContaining({ kind: "os_min_version", status: "noncompliant", reportedValue: "12", remediation: expect.objectContaining({ admin: null }) }),
    ]);
    expect(failing[0]!.remediation!.builtIn).toContain("Android 13 or later");

    const [note] = await notificationsOf(user.id);
    expect(note).toMatchObject({ kind: "device_noncompliant", link: `/devices/${device.id}` });
    expect(note!.body).toContain("2025-06-04 12:00 UTC");
    expect(note!.body).toContain("OS version: 12 (expected Android 13 or later)");
    expect((await changesOf(device.id)).map((e) => e.details)).toEqual([
      { from: "unknown", to: "in_grace", graceDeadline: at(72).toISOString(), failing: ["os_min_version"] },
    ]);

    // Checking in again later, still failing (even with another rule now failing), buys no time.
    await setInventory(device.id, { ...healthy, passcodeSet: false });
    const again = await evaluate(device.id, at(10));
    expect(again).toMatchObject({ state: "in_grace", graceDeadline: at(72), changed: false });
    expect(await deviceRow(device.id)).toMatchObject({ complianceSince: t0, graceDeadline: at(72) });
    expect(await notificationsOf(user.id)).toHaveLength(1);
    expect(await changesOf(device.id)).toHaveLength(1);

    await setInventory(device.id, healthy, "14");
    expect(await evaluate(device.id, at(20))).toMatchObject({ state: "compliant", graceDeadline: null, changed: true });
    expect(await deviceRow(device.id)).toMatchObject({ complianceState: "compliant", complianceSince: at(20), graceDeadline: null });
    expect(await notificationsOf(user.id)).toHaveLength(1);
    expect(await changesOf(device.id)).toHaveLength(2);
  });

  it("makes a device noncompliant at check-in once the deadline has passed", async () => {
    await androidBaseline(24);
    const user = await makeUser(database.db);
    const device = await makeDevice(database.db, user.id, { osVersion: "12", inventory: healthy });
    await evaluate(device.id, t0);
    expect(await evaluate(device.id, at(23))).toMatchObject({ state: "in_grace", changed: false });
    expect(await evaluate(device.id, at(24))).toMatchObject({ state: "noncompliant", graceDeadline: null, changed: true });
    expect(await deviceRow(device.id)).toMatchObject({ complianceState: "noncompliant", complianceSince: at(24), graceDeadline: null });
    const notes = await notificationsOf(user.id);
    expect(notes.map((n) => n.title)).toEqual([`${device.displayName} is out of compliance`, `${device.displayName} cannot access company resources`]);
    // Staying noncompliant is not news.
    expect(await evaluate(device.id, at(30))).toMatchObject({ state: "noncompliant", changed: false });
    expect(await notificationsOf(user.id)).toHaveLength(2);
  });

  it("moves overdue devices out of grace in the sweep, and only those", async () => {
    await androidBaseline(24);
    const user = await makeUser(database.db);
    const due = await makeDevice(database.db, user.id, { osVersion: "12", inventory: healthy });
    const notYet = await makeDevice(database.db, user.id, { osVersion: "12", inventory: healthy });
    const retired = await makeDevice(database.db, user.id, { osVersion: "12", inventory: healthy });
    await evaluate(due.id, t0);
    await evaluate(retired.id, t0);
    await evaluate(notYet.id, at(10));
    await database.db.update(devices).set({ managementState: "retired" }).where(eq(devices.id, retired.id));

    expect(await sweepCompliance(database.db, at(23))).toBe(0);
    expect(await sweepCompliance(database.db, at(24))).toBe(1);
    expect(await deviceRow(due.id)).toMatchObject({ complianceState: "noncompliant", complianceSince: at(24), graceDeadline: null });
    expect(await deviceRow(notYet.id)).toMatchObject({ complianceState: "in_grace", graceDeadline: at(34) });
    expect(await deviceRow(retired.id)).toMatchObject({ complianceState: "in_grace" });
    const last = (await changesOf(due.id)).at(-1)!;
    expect(last.details).toEqual({ from: "in_grace", to: "noncompliant", graceDeadline: null, failing: ["os_min_version"] });
    const notes = (await notificationsOf(user.id)).filter((n) => n.title.includes("cannot access"));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain("OS version: 12");
  });

  it("skips grace when the period is zero hours", async () => {
    await androidBaseline(0);
    const user = await makeUser(database.db);
    const device = await makeDevice(database.db, user.id, { osVersion: "14", inventory: { ...healthy, jailbroken: true } });
    expect(await evaluate(device.id, t0)).toMatchObject({ state: "noncompliant", graceDeadline: null });
    expect((await notificationsOf(user.id)).map((n) => n.title)).toEqual([`${device.displayName} cannot access company resources`]);
  });

  it("returns the admin's remediation and treats an unreported fact as failing", async () => {
    await onlyPolicy("ios", [
      ["os_min_version", "17.0", "Updates need Wi-Fi: join CorpWiFi first."],
      ["passcode_required", "true"],
    ]);
    const user = await makeUser(database.db);
    const device = await makeDevice(database.db, user.id, { platform: "ios", osVersion: "16.7", inventory: {} });
    const result = await evaluate(device.id, t0);
    expect(result.state).toBe("in_grace");
    expect(result.rules.find((r) => r.kind === "os_min_version")!.remediation).toEqual({
      builtIn: "Open Settings > General > Software Update and install iOS 17.0 or later.",
      admin: "Updates need Wi-Fi: join CorpWiFi first.",
    });
    expect(result.rules.find((r) => r.kind === "passcode_required")).toMatchObject({ status: "unknown", reportedValue: null });
    expect((await notificationsOf(user.id))[0]!.body).toContain("Passcode: not reported");
  });

  it("uses the shortest grace among the policies with a failing rule", async () => {
    await onlyPolicy("macos", [["os_min_version", "14.0"]], 72);
    await addPolicy("macos", [["encryption_required", "true", "Turn on FileVault."]], 24);
    const user = await makeUser(database.db);
    const oldOs = await makeDevice(database.db, user.id, { platform: "macos", osVersion: "13.6", inventory: healthy });
    const both = await makeDevice(database.db, user.id, { platform: "macos", osVersion: "13.6", inventory: { ...healthy, encrypted: false } });
    expect((await evaluate(oldOs.id, t0)).graceDeadline).toEqual(at(72));
    expect((await evaluate(both.id, t0)).graceDeadline).toEqual(at(24));
  });

  it("replaces the stored results when the rules change, and no policy means compliant", async () => {
    const { rules: oldRules } = await onlyPolicy("windows", [["os_min_version", "10.0.19045"], ["passcode_required", "true"]]);
    const user = await makeUser(database.db);
    const device = await makeDevice(database.db, user.id, { platform: "windows", osVersion: "10.0.19041", inventory: healthy });
    await evaluate(device.id, t0);
    const stored = () => database.db.select().from(complianceResults).where(eq(complianceResults.deviceId, device.id));
    expect((await stored()).map((r) => r.ruleId).sort()).toEqual(oldRules.map((r) => r.id).sort());

    const { policy, rules: newRules } = await onlyPolicy("windows", [["encryption_required", "true"]]);
    expect(await evaluate(device.id, at(1))).toMatchObject({ state: "compliant", rules: [expect.objectContaining({ kind: "encryption_required" })] });
    expect((await stored()).map((r) => r.ruleId)).toEqual([newRules[0]!.id]);

    await database.db.update(compliancePolicies).set({ enabled: false }).where(eq(compliancePolicies.id, policy.id));
    expect(await evaluate(device.id, at(2))).toMatchObject({ state: "compliant", rules: [] });
    expect(await stored()).toHaveLength(0);
  });
});

describe("accessStatusForUser", () => {
  it("can access with no devices", async () => {
    const user = await makeUser(database.db);
    expect(await accessStatusForUser(database.db, user.id, t0)).toMatchObject({ status: "can_access", until: null, devices: [] });
  });

  it("combines compliant, in-grace, noncompliant and retired devices", async () => {
    await onlyPolicy("linux", [["os_min_version", "22.04", "Ask IT for the upgrade image."]], 48);
    await onlyPolicy("ipados", [["passcode_required", "true"]], 24);
    const user = await makeUser(database.db);
    const good = await makeDevice(database.db, user.id, { displayName: "A laptop", platform: "linux", osVersion: "24.04", inventory: healthy });
    const graceLong = await makeDevice(database.db, user.id, { displayName: "B laptop", platform: "linux", osVersion: "20.04", inventory: healthy });
    const graceShort = await makeDevice(database.db, user.id, { displayName: "C tablet", platform: "ipados", osVersion: "17.5", inventory: { passcodeSet: false } });
    for (const d of [good, graceLong, graceShort]) await evaluate(d.id, t0);

    const grace = await accessStatusForUser(database.db, user.id, at(1));
    expect(grace).toMatchObject({ status: "grace", until: at(24), message: "Out of compliance, can access until 2025-06-02 12:00 UTC." });
    expect(grace.devices.map((d) => [d.displayName, d.state])).toEqual([
      ["A laptop", "compliant"],
      ["B laptop", "in_grace"],
      ["C tablet", "in_grace"],
    ]);
    expect(grace.devices[0]!.failing).toEqual([]);
    expect(grace.devices[1]!.failing).toEqual([
      expect.objectContaining({ kind: "os_min_version", reportedValue: "20.04", expected: "Linux 22.04 or later", remediation: expect.objectContaining({ admin: "Ask IT for the upgrade image." }) }),
    ]);

    // Past the tablet's deadline it reads noncompliant before any sweep has run.
    const overdue = await accessStatusForUser(database.db, user.id, at(24));
    expect(overdue).toMatchObject({ status: "cannot_access", until: null, message: "Cannot access company resources: C tablet is not compliant." });
    expect(overdue.devices[2]).toMatchObject({ state: "noncompliant", graceDeadline: null });

    // Retired and wiped devices do not count, whatever their state.
    await database.db.update(devices).set({ managementState: "retired" }).where(eq(devices.id, graceShort.id));
    await database.db.update(devices).set({ managementState: "wiped" }).where(eq(devices.id, graceLong.id));
    expect(await accessStatusForUser(database.db, user.id, at(24))).toMatchObject({ status: "can_access", devices: [expect.objectContaining({ deviceId: good.id })] });
  });
});
