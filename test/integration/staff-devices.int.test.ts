import { TRPCError } from "@trpc/server";
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, deviceCommands, devices, deviceScopeTags, roleAssignmentMembers, roleAssignments, roleAssignmentScopeGroups, roles, roleAssignmentScopeTags, scopeTags, users } from "@/db/schema";
import { verifyAuditChain } from "@/server/audit/verify";
import { AppError } from "@/server/errors";
import { authenticateDevice, generateDeviceSecret, hashDeviceSecret } from "@/server/services/device-auth";
import { createContext } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";
import { addToGroup, assignRole, makeDevice, makeGroup, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

// The router seals temporary passcodes with the app secret; never the demo file in the data folder.
vi.stubEnv("AUTH_SECRET", "staff-devices-test-secret-0123456789abcdef");

const database = useTestDatabase();
const callerFor = (userId: string) => createCaller(createContext({ db: database.db, session: { userId, authTime: Math.floor(Date.now() / 1000) }, ip: "198.51.100.7" }));
type Api = ReturnType<typeof callerFor>["staff"]["devices"];

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError || error instanceof AppError) return error.code;
    throw error;
  }
}

let emea: string;
let owner: string;
let outsider: string;
let operator: string;
let reader: string;
let admin: string;
let deleterEmea: string;
let taggedOperator: string;

const reason = "User called the help desk";
const corporate = (ownerId = owner) => makeDevice(database.db, ownerId, { ownership: "corporate", lastCheckInAt: new Date() });
const counts = async () => ({ commands: await database.db.$count(deviceCommands), audit: await database.db.$count(auditEvents), devices: await database.db.$count(devices) });

/** Every mutation with valid input for one device (and one command, for cancel). */
const mutations = (api: Api, deviceId: string, commandId: string, why = reason): Record<string, () => Promise<unknown>> => ({
  rename: () => api.rename({ deviceId, reason: why, name: "Renamed" }),
  sync: () => api.sync({ deviceId, reason: why }),
  lock: () => api.lock({ deviceId, reason: why, message: "Lost", phone: "+44 20 7946 0000" }),
  lostModeOff: () => api.lostModeOff({ deviceId, reason: why }),
  resetPasscode: () => api.resetPasscode({ deviceId, reason: why }),
  retire: () => api.retire({ deviceId, reason: why }),
  wipe: () => api.wipe({ deviceId, reason: why }),
  cancel: () => api.cancel({ commandId, reason: why }),
  delete: () => api.delete({ deviceId, reason: why }),
});

async function customRole(userId: string, permissions: string[], groupId: string) {
  const [role] = await database.db.insert(roles).values({ name: `Custom ${crypto.randomUUID()}`, permissions }).returning();
  const [assignment] = await database.db.insert(roleAssignments).values({ roleId: role!.id, name: `Custom ${crypto.randomUUID()}` }).returning();
  await database.db.insert(roleAssignmentMembers).values({ assignmentId: assignment!.id, userId });
  await database.db.insert(roleAssignmentScopeGroups).values({ assignmentId: assignment!.id, groupId });
  return assignment!;
}

beforeAll(async () => {
  const db = database.db;
  emea = (await makeGroup(db)).id;
  const americas = (await makeGroup(db)).id;
  owner = (await makeUser(db)).id;
  await addToGroup(db, owner, emea);
  outsider = (await makeUser(db)).id;
  await addToGroup(db, outsider, americas);
  operator = (await makeUser(db)).id;
  await assignRole(db, operator, "help_desk_operator", { groupIds: [emea] });
  reader = (await makeUser(db)).id;
  await assignRole(db, reader, "read_only_operator", { groupIds: [emea] });
  admin = (await makeUser(db)).id;
  await assignRole(db, admin, "administrator", { allUsers: true });
  deleterEmea = (await makeUser(db)).id;
  await customRole(deleterEmea, ["devices.delete"], emea);
  taggedOperator = (await makeUser(db)).id;
  const tagged = await assignRole(db, taggedOperator, "help_desk_operator", { groupIds: [emea] });
  const [tag] = await db.insert(scopeTags).values({ name: `Tag ${crypto.randomUUID()}` }).returning();
  await db.insert(roleAssignmentScopeTags).values({ assignmentId: tagged.id, tagId: tag!.id });
});

async function expectStaffCommand(commandId: string, kind: string, staffId = operator) {
  const [command] = await database.db.select().from(deviceCommands).where(eq(deviceCommands.id, commandId));
  expect(command).toMatchObject({ kind, origin: "help_desk", reason, requestedById: staffId, status: "pending" });
  const [event] = await database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "device.command_requested"), eq(auditEvents.targetId, command!.deviceId)))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  expect(event).toMatchObject({ actorKind: "staff", actorId: staffId, ip: "198.51.100.7", details: expect.objectContaining({ kind, reason, origin: "help_desk" }) });
}

describe("staff remote actions", () => {
  it("runs each action in scope through the command service, with origin help_desk and the reason, audited", async () => {
    const api = callerFor(operator).staff.devices;
    const device = await corporate();
    for (const run of [() => api.sync({ deviceId: device.id, reason }), () => api.rename({ deviceId: device.id, reason, name: "Sam's phone" })]) {
      const command = await run();
      await expectStaffCommand(command.id, command.kind);
    }
    const lock = await api.lock({ deviceId: device.id, reason, message: "Lost, call IT" });
    await expectStaffCommand(lock.id, "lock");
    expect(lock.payload).toMatchObject({ message: "Lost, call IT" });
    const reset = await api.resetPasscode({ deviceId: device.id, reason });
    await expectStaffCommand(reset.id, "reset_passcode");
    expect(reset).not.toHaveProperty("secretCiphertext");

    const lost = await makeDevice(database.db, owner, { ownership: "corporate", managementState: "lost_mode", lostModeMessage: "Lost" });
    await expectStaffCommand((await api.lostModeOff({ deviceId: lost.id, reason })).id, "lost_mode_off");
    await expectStaffCommand((await api.retire({ deviceId: (await corporate()).id, reason })).id, "retire");
    await expectStaffCommand((await api.wipe({ deviceId: (await corporate()).id, reason })).id, "wipe");

    // Cancel: any origin, with the permission of the command's kind, audited with the reason.
    const canceled = await api.cancel({ commandId: lock.id, reason });
    expect(canceled.status).toBe("canceled");
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "device.command_canceled")).orderBy(desc(auditEvents.seq)).limit(1);
    expect(event).toMatchObject({ actorId: operator, details: expect.objectContaining({ commandId: lock.id, reason }) });

    const history = await api.commands({ deviceId: device.id });
    expect(history.map((c) => c.kind).sort()).toEqual(["lock", "rename", "reset_passcode", "sync"]);
    expect(history.map((c) => c.createdAt.getTime())).toEqual(history.map((c) => c.createdAt.getTime()).sort((a, b) => b - a));
    expect(history.find((c) => c.kind === "lock")).toMatchObject({ requesterName: expect.any(String), reason, deviceName: device.displayName, status: "canceled" });
    expect(history.every((c) => !("secretCiphertext" in c))).toBe(true);
  });

  it("refuses a missing or blank reason with BAD_REQUEST and changes nothing", async () => {
    const api = callerFor(admin).staff.devices;
    const device = await corporate();
    const pending = await callerFor(operator).staff.devices.sync({ deviceId: device.id, reason });
    const before = await counts();
    for (const why of ["", "  a  ", "x".repeat(501)]) {
      for (const [name, run] of Object.entries(mutations(api, device.id, pending.id, why))) {
        expect([name, await codeOf(run())]).toEqual([name, "BAD_REQUEST"]);
      }
    }
    expect(await counts()).toEqual(before);
  });

  it("answers NOT_FOUND out of scope (groups or scope tags) and changes nothing", async () => {
    const theirs = await corporate(outsider);
    const foreign = await callerFor(admin).staff.devices.sync({ deviceId: theirs.id, reason });
    const untagged = await corporate();
    const local = await callerFor(operator).staff.devices.sync({ deviceId: untagged.id, reason });
    const before = await counts();
    for (const [name, run] of Object.entries(mutations(callerFor(operator).staff.devices, theirs.id, foreign.id))) {
      if (name === "delete") continue;
      expect([name, await codeOf(run())]).toEqual([name, "NOT_FOUND"]);
    }
    expect(await codeOf(callerFor(deleterEmea).staff.devices.delete({ deviceId: theirs.id, reason }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(operator).staff.devices.commands({ deviceId: theirs.id }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(operator).staff.devices.sync({ deviceId: "not-a-uuid", reason }))).toBe("NOT_FOUND");
    // The tag-scoped operator reaches the owner but not this untagged device.
    for (const [name, run] of Object.entries(mutations(callerFor(taggedOperator).staff.devices, untagged.id, local.id))) {
      if (name === "delete") continue;
      expect([name, await codeOf(run())]).toEqual([name, "NOT_FOUND"]);
    }
    expect(await counts()).toEqual(before);
  });

  it("answers FORBIDDEN without the permission (Read Only Operator; delete for Help Desk) and changes nothing", async () => {
    const device = await corporate();
    const pending = await callerFor(operator).staff.devices.lock({ deviceId: device.id, reason });
    const before = await counts();
    for (const [name, run] of Object.entries(mutations(callerFor(reader).staff.devices, device.id, pending.id))) {
      expect([name, await codeOf(run())]).toEqual([name, "FORBIDDEN"]);
    }
    expect(await codeOf(callerFor(operator).staff.devices.delete({ deviceId: device.id, reason }))).toBe("FORBIDDEN");
    // Delete-only staff cannot cancel a lock, and non-staff cannot even list.
    expect(await codeOf(callerFor(deleterEmea).staff.devices.cancel({ commandId: pending.id, reason }))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(owner).staff.devices.commands({ deviceId: device.id }))).toBe("FORBIDDEN");
    expect(await callerFor(reader).staff.devices.commands({ deviceId: device.id })).toHaveLength(1);
    expect(await counts()).toEqual(before);
  });

  it("locks and wipes the device of a departed user", async () => {
    const leaver = await makeUser(database.db);
    await addToGroup(database.db, leaver.id, emea);
    const laptop = await makeDevice(database.db, leaver.id, { platform: "windows", osVersion: "10.0.22631", ownership: "corporate" });
    await database.db.update(users).set({ status: "departed" }).where(eq(users.id, leaver.id));
    const api = callerFor(operator).staff.devices;
    await expectStaffCommand((await api.lock({ deviceId: laptop.id, reason })).id, "lock");
    await expectStaffCommand((await api.wipe({ deviceId: laptop.id, reason })).id, "wipe");
    const [row] = await database.db.select().from(devices).where(eq(devices.id, laptop.id));
    expect(row!.managementState).toBe("wipe_pending");
  });

  it("deletes a record: snapshot audited first, commands removed, the secret stops working", async () => {
    const secret = generateDeviceSecret();
    const device = await makeDevice(database.db, owner, { ownership: "corporate", secretHash: hashDeviceSecret(secret), imei: "356938035643809" });
    const [tag] = await database.db.insert(scopeTags).values({ name: `Tag ${crypto.randomUUID()}` }).returning();
    await database.db.insert(deviceScopeTags).values({ deviceId: device.id, tagId: tag!.id });
    await callerFor(operator).staff.devices.lock({ deviceId: device.id, reason });
    expect((await authenticateDevice(database.db, `Bearer ${secret}`)).id).toBe(device.id);

    expect(await callerFor(deleterEmea).staff.devices.delete({ deviceId: device.id, reason: `  ${reason}  ` })).toEqual({ deviceId: device.id, deleted: true });
    expect(await database.db.$count(devices, eq(devices.id, device.id))).toBe(0);
    expect(await database.db.$count(deviceCommands, eq(deviceCommands.deviceId, device.id))).toBe(0);
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "device.deleted")).orderBy(desc(auditEvents.seq)).limit(1);
    expect(event).toMatchObject({
      actorKind: "staff",
      actorId: deleterEmea,
      targetId: device.id,
      subjectUserId: owner,
      details: {
        reason,
        snapshot: expect.objectContaining({ displayName: device.displayName, serial: device.serial, imei: "356938035643809", owner: expect.objectContaining({ id: owner }) }),
        commandsRemoved: 1,
        activeCommandsRemoved: 1,
      },
    });
    expect(await codeOf(authenticateDevice(database.db, `Bearer ${secret}`))).toBe("UNAUTHORIZED");
    expect(await codeOf(callerFor(deleterEmea).staff.devices.delete({ deviceId: device.id, reason }))).toBe("NOT_FOUND");
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: true });
  });
});
