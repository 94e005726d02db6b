import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, deviceCommands, devices, notifications } from "@/db/schema";
import { AppError } from "@/server/errors";
import { expireCommands, recordCommandResult, takeCommandsForDelivery } from "@/server/services/command-delivery";
import { requestCommand, type Requester } from "@/server/services/commands";
import { makeDevice, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();
const KEY = "delivery-test-passcode-key";
const meta = { ip: null, userAgent: "agent/1.0" };
const SECOND = 1000;
const DAY = 24 * 3600 * SECOND;

async function setup(overrides: Partial<typeof devices.$inferInsert> = {}) {
  const user = await makeUser(database.db);
  const device = await makeDevice(database.db, user.id, { ownership: "corporate", secretHash: `hash-${crypto.randomUUID()}`, ...overrides });
  const me: Requester = { kind: "owner", userId: user.id, authTime: Math.floor(Date.now() / 1000) };
  const request = (kind: Parameters<typeof requestCommand>[3]["kind"], payload?: unknown, now?: Date) =>
    requestCommand(database.db, me, device.id, { kind, payload }, meta, { passcodeKey: KEY, now });
  const deliver = (now = new Date()) => database.db.transaction((tx) => takeCommandsForDelivery(tx, device.id, { now, redeliverAfterSeconds: 120, passcodeKey: KEY }));
  const report = (commandId: string, status: "completed" | "failed", extra: { error?: string; result?: Record<string, unknown> } = {}) =>
    recordCommandResult(database.db, { id: device.id }, commandId, { status, ...extra }, meta);
  const row = async () => (await database.db.select().from(devices).where(eq(devices.id, device.id)))[0]!;
  return { user, device, request, deliver, report, row };
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

const commandRow = async (id: string) => (await database.db.select().from(deviceCommands).where(eq(deviceCommands.id, id)))[0]!;
const auditsFor = async (action: string, commandId: string) =>
  (await database.db.select().from(auditEvents).where(eq(auditEvents.action, action))).filter((r) => r.details.commandId === commandId);

describe("delivery", () => {
  it("sends pending commands once, and again when not acknowledged within the window", async () => {
    const { device, request, deliver } = await setup();
    const other = await setup();
    const t0 = new Date();
    const lock = await request("lock", { message: "Call me", phone: "+1 555 0100" }, t0);
    await other.request("sync");
    const first = await deliver(t0);
    expect(first).toEqual([{ id: lock.id, kind: "lock", payload: { message: "Call me", phone: "+1 555 0100" }, expiresAt: lock.expiresAt }]);
    expect(await commandRow(lock.id)).toMatchObject({ status: "sent", sentAt: t0, deliveryAttempts: 1 });
    expect(await deliver(new Date(t0.getTime() + 60 * SECOND))).toEqual([]);
    const again = await deliver(new Date(t0.getTime() + 121 * SECOND));
    expect(again.map((c) => c.id)).toEqual([lock.id]);
    expect((await commandRow(lock.id)).deliveryAttempts).toBe(2);
    const sent = await auditsFor("device.command_sent", lock.id);
    expect(sent.map((a) => [a.actorKind, a.actorId, a.details.attempt])).toEqual([["device", device.id, 1], ["device", device.id, 2]]);
  });

  it("never delivers an expired, canceled or finished command", async () => {
    const { request, deliver, report } = await setup();
    const old = new Date(Date.now() - 2 * DAY);
    await request("sync", undefined, old);
    expect(await deliver()).toEqual([]);
    const lock = await request("lock");
    await deliver();
    await report(lock.id, "completed");
    expect(await deliver(new Date(Date.now() + 10 * 60 * SECOND))).toEqual([]);
  });

  it("sends the temporary Android passcode to the device while only its ciphertext is stored", async () => {
    const { request, deliver } = await setup({ platform: "android" });
    const reset = await request("reset_passcode");
    expect(reset.payload).toEqual({ mode: "temporary" });
    const [delivered] = await deliver();
    const passcode = delivered!.payload.passcode as string;
    expect(passcode).toMatch(/^\d{6}$/);
    const stored = await commandRow(reset.id);
    expect(stored.payload).toEqual({ mode: "temporary" });
    expect(stored.secretCiphertext).toMatch(/^v1\./);
    expect(stored.secretCiphertext).not.toContain(passcode);
    const audits = await database.db.select().from(auditEvents);
    expect(JSON.stringify(audits)).not.toContain(`"${passcode}"`);

    const iphone = await setup({ platform: "ios" });
    const clear = await iphone.request("reset_passcode");
    expect((await iphone.deliver())[0]!.payload).toEqual({ mode: "clear" });
    expect((await commandRow(clear.id)).secretCiphertext).toBeNull();
  });
});

describe("results", () => {
  it("puts a locked device in lost mode, notifies the owner and audits as the device", async () => {
    const { user, device, request, deliver, report, row } = await setup();
    const lock = await request("lock", { message: "Call me", phone: "+1 555 0100" });
    await deliver();
    const auditBefore = await database.db.$count(auditEvents);
    expect(await report(lock.id, "completed", { result: { lockedAt: "now" } })).toEqual({ duplicate: false, applied: true, status: "completed" });
    expect(await row()).toMatchObject({ managementState: "lost_mode", lostModeMessage: "Call me", lostModePhone: "+1 555 0100" });
    expect(await commandRow(lock.id)).toMatchObject({ status: "completed", result: { lockedAt: "now" }, finishedAt: expect.any(Date) });
    expect(await database.db.$count(auditEvents)).toBe(auditBefore + 1);
    const [audit] = await database.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    expect(audit).toMatchObject({ action: "device.command_completed", actorKind: "device", actorId: device.id, subjectUserId: user.id });
    const [note] = await database.db.select().from(notifications).where(eq(notifications.userId, user.id));
    expect(note).toMatchObject({ kind: "command_finished", title: "Device locked" });

    // A repeat changes nothing; a contradicting result is refused.
    const before = [await database.db.$count(auditEvents), await database.db.$count(notifications)];
    expect(await report(lock.id, "completed")).toEqual({ duplicate: true, applied: false, status: "completed" });
    expect([await database.db.$count(auditEvents), await database.db.$count(notifications)]).toEqual(before);
    expect(await codeOf(report(lock.id, "failed"))).toBe("CONFLICT");

    const off = await request("lost_mode_off");
    await report(off.id, "completed");
    expect(await row()).toMatchObject({ managementState: "enrolled", lostModeMessage: null, lostModePhone: null });
  });

  it("renames, and retires or wipes so that the device secret stops working", async () => {
    const renamed = await setup();
    await renamed.report((await renamed.request("rename", { name: "Field tablet" })).id, "completed");
    expect((await renamed.row()).displayName).toBe("Field tablet");

    const retired = await setup();
    const sync = await retired.request("sync");
    const retire = await retired.request("retire");
    await retired.deliver();
    await retired.report(retire.id, "completed");
    expect(await retired.row()).toMatchObject({ managementState: "retired", secretHash: null });
    expect(await commandRow(sync.id)).toMatchObject({ status: "canceled" });

    const wiped = await setup();
    await wiped.report((await wiped.request("wipe")).id, "completed");
    expect(await wiped.row()).toMatchObject({ managementState: "wiped", secretHash: null });
  });

  it("returns a device whose wipe failed to its previous state and tells the owner", async () => {
    const { user, request, deliver, report, row } = await setup();
    const wipe = await request("wipe");
    await deliver();
    await report(wipe.id, "failed", { error: "Device is offline" });
    expect(await row()).toMatchObject({ managementState: "enrolled" });
    expect(await commandRow(wipe.id)).toMatchObject({ status: "failed", error: "Device is offline" });
    const [note] = await database.db.select().from(notifications).where(eq(notifications.userId, user.id));
    expect(note).toMatchObject({ kind: "command_failed", title: "Wipe failed" });
  });

  it("answers NOT_FOUND for another device's command and ignores results for canceled commands", async () => {
    const mine = await setup();
    const theirs = await setup();
    const lock = await theirs.request("lock");
    expect(await codeOf(mine.report(lock.id, "completed"))).toBe("NOT_FOUND");
    expect(await codeOf(mine.report("42", "completed"))).toBe("NOT_FOUND");
    expect((await commandRow(lock.id)).status).toBe("pending");

    await database.db.update(deviceCommands).set({ status: "canceled" }).where(eq(deviceCommands.id, lock.id));
    expect(await theirs.report(lock.id, "completed")).toEqual({ duplicate: false, applied: false, status: "canceled" });
    expect((await theirs.row()).managementState).toBe("enrolled");
  });
});

describe("expiry", () => {
  it("expires pending and sent commands past their time to live, once, even when run concurrently", async () => {
    const a = await setup();
    const b = await setup({ managementState: "lost_mode", lostModeMessage: "Lost" });
    const t0 = new Date();
    const lock = await a.request("lock", undefined, t0);
    const retire = await b.request("retire", undefined, t0);
    await b.deliver(t0);
    const fresh = await a.request("sync", undefined, new Date(t0.getTime() + 20 * DAY));
    // Other tests in this file leave commands behind; count what each run expired against the audit trail.
    const expiredAudits = () => database.db.$count(auditEvents, eq(auditEvents.action, "device.command_expired"));
    const run = async (now: Date) => {
      const before = await expiredAudits();
      const total = (await Promise.all([expireCommands(database.db, now), expireCommands(database.db, now)])).reduce((x, y) => x + y);
      expect(await expiredAudits()).toBe(before + total);
      return total;
    };

    expect(await run(new Date(t0.getTime() + 8 * DAY))).toBeGreaterThanOrEqual(1);
    expect(await commandRow(lock.id)).toMatchObject({ status: "expired" });
    expect((await commandRow(retire.id)).status).toBe("sent");
    expect((await commandRow(fresh.id)).status).toBe("pending");

    expect(await run(new Date(t0.getTime() + 31 * DAY))).toBeGreaterThanOrEqual(2);
    expect(await commandRow(retire.id)).toMatchObject({ status: "expired" });
    expect(await commandRow(fresh.id)).toMatchObject({ status: "expired" });
    expect((await b.row()).managementState).toBe("lost_mode");
    for (const id of [lock.id, retire.id, fresh.id]) {
      expect(await auditsFor("device.command_expired", id)).toMatchObject([{ actorKind: "system" }]);
    }
    expect(await run(new Date(t0.getTime() + 31 * DAY))).toBe(0);
  });
});
