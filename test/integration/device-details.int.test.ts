import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { compliancePolicies, complianceRules, deviceCommands, devices } from "@/db/schema";
import { AppError } from "@/server/errors";
import { recordCommandResult, takeCommandsForDelivery } from "@/server/services/command-delivery";
import { requestCommand, type Requester } from "@/server/services/commands";
import { evaluateDeviceCompliance } from "@/server/services/compliance";
import { deviceDetails } from "@/server/services/device-details";
import { foundDevice } from "@/server/services/lost-device";
import { makeDevice, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();
const KEY = "device-details-test-key";
const meta = { ip: "203.0.113.9", userAgent: "vitest" };
const HOUR = 3_600_000;

async function setup(overrides: Partial<typeof devices.$inferInsert> = {}) {
  const user = await makeUser(database.db);
  const device = await makeDevice(database.db, user.id, { secretHash: `hash-${crypto.randomUUID()}`, ...overrides });
  const me: Requester = { kind: "owner", userId: user.id, authTime: Math.floor(Date.now() / 1000) };
  const request = (kind: Parameters<typeof requestCommand>[3]["kind"], payload?: unknown) =>
    requestCommand(database.db, me, device.id, { kind, payload }, meta, { passcodeKey: KEY });
  const deliver = () => database.db.transaction((tx) => takeCommandsForDelivery(tx, device.id, { passcodeKey: KEY }));
  const complete = (commandId: string) => recordCommandResult(database.db, { id: device.id }, commandId, { status: "completed" }, meta);
  const found = () => foundDevice(database.db, user.id, device.id, meta, { passcodeKey: KEY, authTime: me.authTime });
  const details = () => deviceDetails(database.db, user.id, device.id, new Date());
  const command = async (id: string) => (await database.db.select().from(deviceCommands).where(eq(deviceCommands.id, id)))[0]!;
  const state = async () => (await database.db.select().from(devices).where(eq(devices.id, device.id)))[0]!.managementState;
  return { user, device, me, request, deliver, complete, found, details, command, state };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

/** A locked (lost mode) device: the lock was delivered and completed. */
async function lostDevice() {
  const ctx = await setup({ ownership: "corporate" });
  const lock = await ctx.request("lock", { message: "Lost, call me", phone: "+44 20 7946 0000" });
  await ctx.deliver();
  await ctx.complete(lock.id);
  expect(await ctx.state()).toBe("lost_mode");
  return ctx;
}

describe("deviceDetails", () => {
  it("shows the owner their device and answers NOT_FOUND to anyone else", async () => {
    const { device, details } = await setup({ model: "Pixel 8", manufacturer: "Google", imei: "356938035643809", inventory: { storageTotalGb: 128, storageFreeGb: 40.5, passcodeSet: true } });
    const shown = await details();
    expect(shown.device).toMatchObject({ id: device.id, displayName: device.displayName, model: "Pixel 8", manufacturer: "Google", imei: "356938035643809", ownership: "personal" });
    expect(shown.device).not.toHaveProperty("secretHash");
    expect(shown.inventory).toMatchObject({ storageTotalGb: 128, storageFreeGb: 40.5, passcodeSet: true, encrypted: null });
    expect(shown.access).toMatchObject({ status: "can_access" });

    const stranger = await makeUser(database.db);
    expect(await codeOf(deviceDetails(database.db, stranger.id, device.id, new Date()))).toBe("NOT_FOUND");
    expect(await codeOf(deviceDetails(database.db, stranger.id, "not-a-uuid", new Date()))).toBe("NOT_FOUND");
  });

  it("lists each rule with the reported value, the expected one and how to fix it, failing rules first", async () => {
    await database.db.delete(compliancePolicies).where(eq(compliancePolicies.platform, "android"));
    const [policy] = await database.db.insert(compliancePolicies).values({ name: "Android test", platform: "android", gracePeriodHours: 48 }).returning();
    await database.db.insert(complianceRules).values([
      { policyId: policy!.id, kind: "os_min_version", value: "15", remediation: "Ask IT for a loan phone if yours cannot update." },
      { policyId: policy!.id, kind: "passcode_required", value: "true" },
      { policyId: policy!.id, kind: "encryption_required", value: "true" },
      { policyId: policy!.id, kind: "not_jailbroken", value: "true" },
    ]);
    const { device, details } = await setup({ osVersion: "14", inventory: { passcodeSet: false, encrypted: true } });
    const now = new Date();
    await database.db.transaction((tx) => evaluateDeviceCompliance(tx, device.id, now));

    const { compliance, access, device: shown } = await details();
    expect(compliance.map((r) => [r.kind, r.status])).toEqual([
      ["os_min_version", "noncompliant"],
      ["passcode_required", "noncompliant"],
      ["not_jailbroken", "unknown"],
      ["encryption_required", "compliant"],
    ]);
    const [os, passcode, jailbreak, encryption] = compliance;
    expect(os).toMatchObject({ label: "Minimum OS version", policyName: "Android test", reportedValue: "14", reported: "14", expected: "Android 15 or later" });
    expect(os!.remediation!.builtIn).toContain("Software update");
    expect(os!.remediation!.admin).toBe("Ask IT for a loan phone if yours cannot update.");
    expect(passcode).toMatchObject({ reportedValue: "false", reported: "No passcode", expected: "Passcode set", remediation: { admin: null } });
    expect(passcode!.remediation!.builtIn).toContain("Screen lock");
    expect(jailbreak).toMatchObject({ reportedValue: null, reported: "Not reported", expected: "Not rooted" });
    expect(encryption).toMatchObject({ reported: "Encrypted", remediation: null });

    expect(shown.complianceState).toBe("in_grace");
    expect(access!.status).toBe("grace");
    expect(access!.until!.getTime()).toBe(now.getTime() + 48 * HOUR);
    expect(access!.message).toContain("UTC");
  });

  it("gives every action with the capability table's reason, and the history with what may be canceled", async () => {
    const { user, device, request, details } = await setup();
    const before = await details();
    expect(before.capabilities.wipe).toEqual({
      allowed: false,
      code: "not_supported",
      reason: "Personal Android devices are enrolled for work data only: remove it (retire) instead.",
    });
    expect(before.capabilities.lost_mode_off).toMatchObject({ allowed: false, code: "device_state", reason: "The device is not in lost mode." });
    expect(before.capabilities.lock).toMatchObject({ allowed: true });

    const lock = await request("lock", { message: "Lost" });
    const staff: Requester = { kind: "staff", userId: (await makeUser(database.db)).id, reason: "User called" };
    const sync = await requestCommand(database.db, staff, device.id, { kind: "sync" }, meta, { passcodeKey: KEY });

    const after = await details();
    expect(after.capabilities.lock).toEqual({ allowed: false, code: "already_pending", reason: "A lock is already on its way to the device." });
    expect(after.commands.map((c) => c.id)).toEqual([sync.id, lock.id]);
    expect(after.commands[1]).toMatchObject({ kind: "lock", status: "pending", requestedById: user.id, canCancel: true, cancelNote: null });
    expect(after.commands[0]).toMatchObject({ kind: "sync", canCancel: false, cancelNote: "IT requested this action; contact the help desk to stop it." });
    expect(after.commands[0]).not.toHaveProperty("secretCiphertext");
  });

  it("says a wipe already sent to the device cannot be canceled", async () => {
    const { request, deliver, details } = await setup({ ownership: "corporate" });
    const wipe = await request("wipe");
    expect((await details()).commands.find((c) => c.id === wipe.id)).toMatchObject({ canCancel: true });
    await deliver();
    expect((await details()).commands.find((c) => c.id === wipe.id)).toMatchObject({
      status: "sent",
      canCancel: false,
      cancelNote: "The wipe has reached the device and can no longer be stopped.",
    });
  });
});

describe("foundDevice (I found it)", () => {
  it("cancels a wipe that has not reached the device and turns lost mode off", async () => {
    const { request, found, command, state, deliver } = await lostDevice();
    const wipe = await request("wipe");
    expect(await state()).toBe("wipe_pending");

    const outcome = await found();
    expect(outcome).toMatchObject({ wipe: "canceled", lock: "none", lostModeOff: { status: "requested" } });
    expect(outcome.message).toContain("The wipe was stopped before it reached the device");
    expect(outcome.message).toContain("leaves lost mode as soon as it is online");
    expect((await command(wipe.id)).status).toBe("canceled");
    // Lost mode until the device confirms leaving it; then the device gets only lost_mode_off.
    expect(await state()).toBe("lost_mode");
    const delivered = await deliver();
    expect(delivered.map((c) => c.kind)).toEqual(["lost_mode_off"]);

    // Asking again does not queue a second one.
    expect(await found()).toMatchObject({ wipe: "none", lostModeOff: { status: "already_requested" } });
  });

  it("reports a wipe already sent as not stoppable and leaves it alone", async () => {
    const { request, found, command, state, deliver, details } = await lostDevice();
    const wipe = await request("wipe");
    await deliver();
    const outcome = await found();
    expect(outcome).toMatchObject({ wipe: "too_late", lostModeOff: { status: "not_needed" } });
    expect(outcome.message).toContain("cannot be stopped");
    expect((await command(wipe.id)).status).toBe("sent");
    expect(await state()).toBe("wipe_pending");
    expect((await details()).commands.some((c) => c.kind === "lost_mode_off")).toBe(false);
  });

  it("calls off a lock still waiting for an offline device", async () => {
    const { request, found, command, state } = await setup({ ownership: "corporate" });
    const lock = await request("lock", {});
    const outcome = await found();
    expect(outcome).toMatchObject({ wipe: "none", lock: "canceled", lostModeOff: { status: "not_needed" } });
    expect((await command(lock.id)).status).toBe("canceled");
    expect(await state()).toBe("enrolled");
  });

  it("answers NOT_FOUND for someone else's device", async () => {
    const { device } = await setup();
    const stranger = await makeUser(database.db);
    expect(await codeOf(foundDevice(database.db, stranger.id, device.id, meta, { passcodeKey: KEY, authTime: 0 }))).toBe("NOT_FOUND");
  });
});
