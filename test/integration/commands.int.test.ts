import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, deviceCommands, devices, notifications, terms, termsAcceptances, termsGroups, termsVersions, tickets } from "@/db/schema";
import { AppError } from "@/server/errors";
import { listenForDeviceSignals } from "@/server/realtime/device-signals";
import { isUniqueViolation, ONE_ACTIVE_DESTRUCTIVE_INDEX } from "@/server/services/command-effects";
import { cancelCommand, listCommands, requestCommand, type Requester } from "@/server/services/commands";
import { addToGroup, makeDevice, makeGroup, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();
const KEY = "commands-test-passcode-key";
const meta = { ip: "203.0.113.7", userAgent: "vitest" };
const nowSec = () => Math.floor(Date.now() / 1000);
const owner = (userId: string, authTime = nowSec()): Requester => ({ kind: "owner", userId, authTime });
const staff = (userId: string, reason = "User called the help desk"): Requester => ({ kind: "staff", userId, reason });
const request = (who: Requester, deviceId: string, kind: Parameters<typeof requestCommand>[3]["kind"], payload?: unknown) =>
  requestCommand(database.db, who, deviceId, { kind, payload }, meta, { passcodeKey: KEY });

async function setup(overrides: Partial<typeof devices.$inferInsert> = {}) {
  const user = await makeUser(database.db);
  const device = await makeDevice(database.db, user.id, { ownership: "corporate", ...overrides });
  return { user, device, me: owner(user.id) };
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

const counts = async () => ({
  commands: await database.db.$count(deviceCommands),
  audit: await database.db.$count(auditEvents),
  notifications: await database.db.$count(notifications),
  tickets: await database.db.$count(tickets),
  devices: await database.db.select().from(devices).orderBy(devices.id),
});

/** Expects the call to fail with `code` and to leave every table as it was. */
async function refusedWithoutChange(promise: () => Promise<unknown>, code: AppError["code"]): Promise<AppError> {
  const before = await counts();
  const error = await errorOf(promise());
  expect(error.code).toBe(code);
  expect(await counts()).toEqual(before);
  return error;
}

const lastAudit = async () => (await database.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1))[0]!;
const deviceRow = async (id: string) => (await database.db.select().from(devices).where(eq(devices.id, id)))[0]!;
const commandRow = async (id: string) => (await database.db.select().from(deviceCommands).where(eq(deviceCommands.id, id)))[0]!;

describe("requesting a command", () => {
  it("queues it pending, with its audit event and a signal to the device", async () => {
    const { user, device, me } = await setup();
    const signals: string[] = [];
    const stop = await listenForDeviceSignals(database.database, (id) => signals.push(id));
    const auditBefore = await database.db.$count(auditEvents);
    const command = await request(me, device.id, "rename", { name: "  Work phone  " });
    expect(command).toMatchObject({ kind: "rename", status: "pending", origin: "self_service", requestedById: user.id, payload: { name: "Work phone" } });
    expect(command).not.toHaveProperty("secretCiphertext");
    expect(command.expiresAt.getTime() - command.createdAt.getTime()).toBe(7 * 24 * 3600 * 1000);
    expect(await database.db.$count(auditEvents)).toBe(auditBefore + 1);
    expect(await lastAudit()).toMatchObject({
      action: "device.command_requested",
      actorKind: "user",
      actorId: user.id,
      subjectUserId: user.id,
      details: { commandId: command.id, kind: "rename", origin: "self_service", reason: null },
    });
    await expect.poll(() => signals, { timeout: 5000 }).toContain(device.id);
    await stop();
  });

  it("needs a sign-in within 5 minutes for wipe, reset passcode and retire", async () => {
    const { user, device } = await setup();
    const stale = owner(user.id, nowSec() - 6 * 60);
    for (const kind of ["wipe", "retire", "reset_passcode"] as const) {
      const error = await refusedWithoutChange(() => request(stale, device.id, kind), "STEP_UP_REQUIRED");
      expect(error.message).toBe("Sign in again to confirm it is you.");
    }
    expect((await request(stale, device.id, "lock")).status).toBe("pending");
    expect((await request(owner(user.id, nowSec() - 4 * 60), device.id, "wipe")).status).toBe("pending");
  });

  it("refuses every action until the current terms are accepted", async () => {
    const { user, device, me } = await setup();
    const group = await makeGroup(database.db);
    await addToGroup(database.db, user.id, group.id);
    const [doc] = await database.db.insert(terms).values({ name: `Terms ${device.id}`, allUsers: false }).returning();
    await database.db.insert(termsGroups).values({ termsId: doc!.id, groupId: group.id });
    const [version] = await database.db
      .insert(termsVersions)
      .values({ termsId: doc!.id, version: 1, title: "Acceptable use", summary: "s", body: "b", publishedAt: new Date() })
      .returning();
    await refusedWithoutChange(() => request(me, device.id, "sync"), "TERMS_NOT_ACCEPTED");
    await database.db.insert(termsAcceptances).values({ userId: user.id, termsVersionId: version!.id });
    expect((await request(me, device.id, "sync")).status).toBe("pending");
  });

  it("hides other people's devices and refuses inactive accounts", async () => {
    const { device } = await setup();
    const stranger = await makeUser(database.db);
    await refusedWithoutChange(() => request(owner(stranger.id), device.id, "lock"), "NOT_FOUND");
    await refusedWithoutChange(() => request(owner(stranger.id), "not-a-uuid", "lock"), "NOT_FOUND");
    await refusedWithoutChange(() => listCommands(database.db, owner(stranger.id), device.id), "NOT_FOUND");
    const departed = await makeUser(database.db, { status: "departed" });
    const theirs = await makeDevice(database.db, departed.id);
    await refusedWithoutChange(() => request(owner(departed.id), theirs.id, "sync"), "UNAUTHORIZED");
  });

  it("refuses what the platform, ownership or state cannot do, with the reason", async () => {
    const iphone = await setup({ platform: "ios", ownership: "personal" });
    const wipe = await refusedWithoutChange(() => request(iphone.me, iphone.device.id, "wipe"), "UNPROCESSABLE");
    expect(wipe.message).toBe("Personal iPhones are enrolled for work data only: remove it (retire) instead.");
    expect(wipe.details).toEqual({ reason: "not_supported", kind: "wipe" });
    const mac = await setup({ platform: "macos" });
    const reset = await refusedWithoutChange(() => request(mac.me, mac.device.id, "reset_passcode"), "UNPROCESSABLE");
    expect(reset.message).toMatch(/not available on macOS/);
    const off = await refusedWithoutChange(() => request(mac.me, mac.device.id, "lost_mode_off"), "UNPROCESSABLE");
    expect(off.details).toMatchObject({ reason: "device_state" });
    const gone = await setup({ managementState: "wiped" });
    await refusedWithoutChange(() => request(gone.me, gone.device.id, "sync"), "UNPROCESSABLE");
    await request(mac.me, mac.device.id, "lock");
    const twice = await refusedWithoutChange(() => request(mac.me, mac.device.id, "lock"), "UNPROCESSABLE");
    expect(twice.details).toMatchObject({ reason: "already_pending" });
  });

  it("validates payloads per kind", async () => {
    const { device, me } = await setup();
    for (const [kind, payload] of [
      ["rename", { name: "   " }],
      ["rename", { name: "x".repeat(61) }],
      ["rename", { name: "ok", extra: 1 }],
      ["lock", { message: "x".repeat(201) }],
      ["lock", { phone: "call me maybe" }],
      ["sync", { anything: true }],
    ] as const) {
      await refusedWithoutChange(() => request(me, device.id, kind, payload), "BAD_REQUEST");
    }
    const lock = await request(me, device.id, "lock", { message: " Please call ", phone: "+1 555 0100" });
    expect(lock.payload).toEqual({ message: "Please call", phone: "+1 555 0100" });
  });

  it("records staff requests as help desk actions with their reason, and requires one", async () => {
    const { device } = await setup({ platform: "windows" });
    const operator = await makeUser(database.db);
    await refusedWithoutChange(() => request(staff(operator.id, " ab "), device.id, "wipe"), "BAD_REQUEST");
    const wipe = await request(staff(operator.id, "Laptop stolen, ticket #12"), device.id, "wipe");
    expect(wipe).toMatchObject({ origin: "help_desk", reason: "Laptop stolen, ticket #12", requestedById: operator.id });
    expect(wipe.expiresAt.getTime() - wipe.createdAt.getTime()).toBe(30 * 24 * 3600 * 1000);
    expect(await lastAudit()).toMatchObject({ actorKind: "staff", actorId: operator.id, details: { origin: "help_desk", reason: "Laptop stolen, ticket #12" } });
    expect((await deviceRow(device.id)).managementState).toBe("wipe_pending");
  });
});

describe("one active wipe or retire per device", () => {
  it("answers CONFLICT to a second one, also when both race", async () => {
    const { device, me } = await setup();
    await request(me, device.id, "retire");
    expect((await deviceRow(device.id)).managementState).toBe("retire_pending");
    await refusedWithoutChange(() => request(me, device.id, "wipe"), "CONFLICT");

    const racing = await setup();
    const results = await Promise.allSettled([request(racing.me, racing.device.id, "wipe"), request(racing.me, racing.device.id, "retire"), request(racing.me, racing.device.id, "wipe")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).code).toBe("CONFLICT");
    expect(await database.db.$count(deviceCommands, eq(deviceCommands.deviceId, racing.device.id))).toBe(1);
  });

  it("is enforced by the database too (unique violation 23505 on both drivers)", async () => {
    const { device, me } = await setup();
    const first = await request(me, device.id, "wipe");
    const error = await database.db
      .insert(deviceCommands)
      .values({ deviceId: device.id, kind: "retire", origin: "self_service", expiresAt: first.expiresAt })
      .then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(error, ONE_ACTIVE_DESTRUCTIVE_INDEX)).toBe(true);
    expect(isUniqueViolation(error, "some_other_index")).toBe(false);
  });
});

describe("canceling", () => {
  it("cancels a pending or sent command, audited and signalled", async () => {
    const { user, device, me } = await setup();
    const lock = await request(me, device.id, "lock");
    const auditBefore = await database.db.$count(auditEvents);
    const canceled = await cancelCommand(database.db, me, lock.id, meta);
    expect(canceled).toMatchObject({ status: "canceled", finishedAt: expect.any(Date) });
    expect(await database.db.$count(auditEvents)).toBe(auditBefore + 1);
    expect(await lastAudit()).toMatchObject({ action: "device.command_canceled", actorId: user.id, details: { previousStatus: "pending" } });
    const sync = await request(me, device.id, "sync");
    await database.db.update(deviceCommands).set({ status: "sent", sentAt: new Date() }).where(eq(deviceCommands.id, sync.id));
    expect((await cancelCommand(database.db, me, sync.id, meta)).status).toBe("canceled");
    const again = await refusedWithoutChange(() => cancelCommand(database.db, me, sync.id, meta), "CONFLICT");
    expect(again.details).toMatchObject({ reason: "finished", status: "canceled" });
  });

  it("stops a wipe only while pending, and gives the device back its previous state", async () => {
    const { device, me } = await setup({ managementState: "lost_mode", lostModeMessage: "Lost" });
    const wipe = await request(me, device.id, "wipe");
    expect((await deviceRow(device.id)).managementState).toBe("wipe_pending");
    await cancelCommand(database.db, me, wipe.id, meta);
    expect((await deviceRow(device.id)).managementState).toBe("lost_mode");

    const sent = await request(me, device.id, "wipe");
    await database.db.update(deviceCommands).set({ status: "sent", sentAt: new Date() }).where(eq(deviceCommands.id, sent.id));
    const tooLate = await refusedWithoutChange(() => cancelCommand(database.db, me, sent.id, meta), "CONFLICT");
    expect(tooLate.message).toBe("The wipe has already been sent to the device and cannot be stopped.");

    const other = await setup();
    const retire = await request(other.me, other.device.id, "retire");
    await database.db.update(deviceCommands).set({ status: "sent", sentAt: new Date() }).where(eq(deviceCommands.id, retire.id));
    await cancelCommand(database.db, other.me, retire.id, meta);
    expect((await deviceRow(other.device.id)).managementState).toBe("enrolled");
  });

  it("lets owners cancel only their own requests; staff cancel with a reason", async () => {
    const { device, me } = await setup();
    const operator = await makeUser(database.db);
    const staffLock = await request(staff(operator.id), device.id, "lock");
    await refusedWithoutChange(() => cancelCommand(database.db, me, staffLock.id, meta), "FORBIDDEN");
    const stranger = await makeUser(database.db);
    await refusedWithoutChange(() => cancelCommand(database.db, owner(stranger.id), staffLock.id, meta), "NOT_FOUND");
    await refusedWithoutChange(() => cancelCommand(database.db, me, crypto.randomUUID(), meta), "NOT_FOUND");
    await refusedWithoutChange(() => cancelCommand(database.db, staff(operator.id, ""), staffLock.id, meta), "BAD_REQUEST");
    expect((await cancelCommand(database.db, staff(operator.id, "Found it"), staffLock.id, meta)).status).toBe("canceled");
    expect(await lastAudit()).toMatchObject({ actorKind: "staff", details: { reason: "Found it" } });
  });
});

describe("listing", () => {
  it("lists a device's commands newest first, without secrets", async () => {
    const { device, me } = await setup();
    const t0 = new Date(Date.now() - 60_000);
    const first = await requestCommand(database.db, me, device.id, { kind: "sync" }, meta, { passcodeKey: KEY, now: t0 });
    const second = await request(me, device.id, "reset_passcode");
    const list = await listCommands(database.db, me, device.id);
    expect(list.map((c) => c.id)).toEqual([second.id, first.id]);
    for (const c of list) expect(c).not.toHaveProperty("secretCiphertext");
    expect((await commandRow(second.id)).secretCiphertext).toMatch(/^v1\./);
  });
});
