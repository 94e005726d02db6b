import { TRPCError } from "@trpc/server";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { Db } from "@/db/types";
import { recordAudit } from "@/server/audit/record";
import { createContext } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";
import { addToGroup, assignRole, makeDevice, makeGroup, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const { compliancePolicies, complianceResults, complianceRules, deviceCommands, deviceScopeTags, enrollmentEvents, roleAssignmentMembers } = schema;
const { roleAssignments, roleAssignmentScopeGroups, roleAssignmentScopeTags, roles, scopeTags, terms, termsAcceptances, termsVersions, tickets } = schema;

const database = useTestDatabase();
const HOUR = 3_600_000;
const callerFor = (userId: string, db: Db = database.db) =>
  createCaller(createContext({ db, session: { userId, authTime: Math.floor(Date.now() / 1000) } }));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

/** A second Drizzle over the same connection that counts the statements it sends. */
function countingDb(): { db: Db; count: () => number; reset: () => void } {
  let n = 0;
  const logger = { logQuery: () => void n++ };
  const d = database.database;
  const db = (d.driver === "pglite" ? drizzlePglite({ client: d.client, schema, logger }) : drizzlePostgres({ client: d.client, schema, logger })) as unknown as Db;
  return { db, count: () => n, reset: () => void (n = 0) };
}

let emea: string;
let sam: Awaited<ReturnType<typeof makeUser>>;
let ana: string;
let operator: string;
let usersOnly: string;
let tagged: string;
let employee: string;
let phoneA: string;
let laptopB: string;

/** Everything the page shows, for one user: a failing device, actions, terms, a refusal, a ticket, audit. */
async function fillHistory(userId: string, staffId: string, devices = 1) {
  const db = database.db;
  const [policy] = await db.insert(compliancePolicies).values({ name: `Policy ${crypto.randomUUID()}`, platform: "android" }).returning();
  const [rule] = await db.insert(complianceRules).values({ policyId: policy!.id, kind: "passcode_required", value: "true", remediation: "Call IT" }).returning();
  const ids: string[] = [];
  for (let i = 0; i < devices; i++) {
    const device = await makeDevice(db, userId, { complianceState: "in_grace", graceDeadline: new Date(Date.now() + 48 * HOUR), lastCheckInAt: new Date() });
    await db.insert(complianceResults).values({ deviceId: device.id, ruleId: rule!.id, status: "noncompliant", reportedValue: "false" });
    await db.insert(deviceCommands).values([
      { deviceId: device.id, kind: "lock", requestedById: staffId, origin: "help_desk", reason: "Reported lost", expiresAt: new Date(Date.now() + HOUR) },
      { deviceId: device.id, kind: "reset_passcode", requestedById: userId, origin: "self_service", secretCiphertext: "sealed", status: "completed", expiresAt: new Date(Date.now() + HOUR) },
    ]);
    ids.push(device.id);
  }
  const [doc] = await db.insert(terms).values({ name: `Terms ${crypto.randomUUID()}` }).returning();
  const [version] = await db.insert(termsVersions).values({ termsId: doc!.id, version: 1, title: "Acceptable use", summary: "s", body: "b", publishedAt: new Date() }).returning();
  await db.insert(termsAcceptances).values({ userId, termsVersionId: version!.id, ip: "203.0.113.5", userAgent: "Safari" });
  await db.insert(enrollmentEvents).values({ userId, outcome: "failure", reasonCode: "device_limit_reached", message: "You have 5 devices, the limit.", platform: "ios" });
  await db.insert(tickets).values({ requesterId: userId, subject: "Phone lost", assigneeId: staffId });
  await db.transaction((tx) => recordAudit(tx, { actor: { kind: "staff", id: staffId }, action: "user.looked_at", subjectUserId: userId }));
  return ids;
}

beforeAll(async () => {
  const db = database.db;
  emea = (await makeGroup(db)).id;
  const americas = await makeGroup(db);
  sam = await makeUser(db, { name: "Sam Rivera", phone: "+44 20 7946 0000", department: "Sales" });
  await addToGroup(db, sam.id, emea);
  const anaUser = await makeUser(db);
  await addToGroup(db, anaUser.id, americas.id);
  ana = anaUser.id;

  operator = (await makeUser(db)).id;
  await assignRole(db, operator, "help_desk_operator", { groupIds: [emea] });
  employee = (await makeUser(db)).id;

  // A custom role that may only look users up.
  usersOnly = (await makeUser(db)).id;
  const [role] = await db.insert(roles).values({ name: `Lookup ${crypto.randomUUID()}`, permissions: ["users.read"] }).returning();
  const [lookup] = await db.insert(roleAssignments).values({ roleId: role!.id, name: `Lookup ${crypto.randomUUID()}` }).returning();
  await db.insert(roleAssignmentMembers).values({ assignmentId: lookup!.id, userId: usersOnly });
  await db.insert(roleAssignmentScopeGroups).values({ assignmentId: lookup!.id, groupId: emea });

  // A help desk operator limited to devices tagged "EMEA phones".
  const [tag] = await db.insert(scopeTags).values({ name: `EMEA phones ${crypto.randomUUID()}` }).returning();
  tagged = (await makeUser(db)).id;
  const taggedAssignment = await assignRole(db, tagged, "help_desk_operator", { groupIds: [emea] });
  await db.insert(roleAssignmentScopeTags).values({ assignmentId: taggedAssignment.id, tagId: tag!.id });

  phoneA = (await fillHistory(sam.id, operator))[0]!;
  laptopB = (await makeDevice(db, sam.id, { platform: "windows", displayName: "ZZ laptop", osVersion: "10.0.22631" })).id;
  await db.insert(deviceScopeTags).values({ deviceId: phoneA, tagId: tag!.id });
});

describe("staff.users.get", () => {
  it("shows an in-scope Help Desk Operator every section", async () => {
    const page = await callerFor(operator).staff.users.get({ userId: sam.id });
    expect(page.profile).toMatchObject({ id: sam.id, name: "Sam Rivera", department: "Sales", status: "active" });
    expect(page.profile).not.toHaveProperty("passwordHash");
    expect(page.groups.map((g) => g.id)).toEqual([emea]);
    expect(page.permissions).toContain("devices.wipe");
    expect(page.permissions).not.toContain("devices.delete");

    expect(page.devices!.map((d) => d.id)).toEqual([phoneA, laptopB]);
    const phone = page.devices![0]!;
    expect(phone).toMatchObject({ complianceState: "in_grace", failing: [{ kind: "passcode_required", reportedValue: "false" }] });
    expect(phone.graceDeadline).toBeInstanceOf(Date);
    expect(phone.lastCheckInAt).toBeInstanceOf(Date);
    expect(phone.failing[0]!.remediation).toMatchObject({ admin: "Call IT" });
    // A lock is pending, so another lock is refused, and the operator's permissions over the device are listed.
    expect(phone.capabilities.lock).toMatchObject({ allowed: false, code: "already_pending" });
    expect(phone.permissions).toEqual(expect.arrayContaining(["devices.read", "devices.lock", "devices.wipe"]));

    expect(page.actions).toHaveLength(2);
    const lock = page.actions!.find((a) => a.kind === "lock")!;
    expect(lock).toMatchObject({ origin: "help_desk", reason: "Reported lost", requesterName: expect.any(String), status: "pending" });
    expect(page.actions!.every((a) => !("secretCiphertext" in a))).toBe(true);

    expect(page.terms!.history).toMatchObject([{ title: "Acceptable use", version: 1, ip: "203.0.113.5" }]);
    expect(page.terms!.current.find((t) => t.currentTitle === "Acceptable use")).toMatchObject({ acceptedVersion: 1, mustAccept: false });
    expect(page.enrollmentFailures).toMatchObject([{ reasonCode: "device_limit_reached", message: "You have 5 devices, the limit.", hint: expect.stringContaining("limit") }]);
    expect(page.tickets).toMatchObject([{ subject: "Phone lost", status: "open", assigneeName: expect.any(String) }]);
    expect(page.audit!.map((e) => e.action)).toContain("user.looked_at");
  });

  it("gives a custom users.read-only role the profile and null for every other section", async () => {
    const page = await callerFor(usersOnly).staff.users.get({ userId: sam.id });
    expect(page.profile.id).toBe(sam.id);
    expect(page.groups).toHaveLength(1);
    expect(page.permissions).toEqual(["users.read"]);
    expect(page).toMatchObject({ devices: null, actions: null, terms: null, enrollmentFailures: null, tickets: null, audit: null });
  });

  it("answers NOT_FOUND out of scope or for a malformed id, FORBIDDEN to a non-staff user", async () => {
    expect(await codeOf(callerFor(operator).staff.users.get({ userId: ana }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(operator).staff.users.get({ userId: crypto.randomUUID() }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(operator).staff.users.get({ userId: "not-a-uuid" }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(employee).staff.users.get({ userId: sam.id }))).toBe("FORBIDDEN");
  });

  it("hides devices without the operator's scope tag, and their actions", async () => {
    const page = await callerFor(tagged).staff.users.get({ userId: sam.id });
    expect(page.devices!.map((d) => d.id)).toEqual([phoneA]);
    expect(page.actions!.every((a) => a.deviceId === phoneA)).toBe(true);
  });

  it("runs the same number of queries however much the user has", async () => {
    const counting = countingDb();
    await callerFor(operator, counting.db).staff.users.get({ userId: sam.id });
    const small = counting.count();

    const busy = await makeUser(database.db);
    await addToGroup(database.db, busy.id, emea);
    await fillHistory(busy.id, operator, 8);
    await fillHistory(busy.id, operator, 4);
    counting.reset();
    const page = await callerFor(operator, counting.db).staff.users.get({ userId: busy.id });
    expect(page.devices).toHaveLength(12);
    expect(page.actions).toHaveLength(24);
    expect(counting.count()).toBe(small);
    // Profile, scope, groups, devices (+ failing rules, active commands), actions, terms (3), enrollment, tickets, audit,
    // and the session and grants lookups of the procedure builders: bounded, whatever the data.
    expect(small).toBeLessThanOrEqual(20);
  });
});

describe("staff.users.search", () => {
  it("finds in-scope users only", async () => {
    const hits = await callerFor(operator).staff.users.search({ query: "Sam Rivera" });
    expect(hits.map((h) => h.id)).toContain(sam.id);
    expect(await callerFor(operator).staff.users.search({ query: "Test User" })).not.toContainEqual(expect.objectContaining({ id: ana }));
    expect(await codeOf(callerFor(employee).staff.users.search({ query: "Sam" }))).toBe("FORBIDDEN");
  });
});
