import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleAssignmentMembers, roleAssignments, roleAssignmentScopeGroups, roles } from "@/db/schema";
import { UserSignalHub } from "@/server/realtime/user-signals";
import { builtInRoles, type Permission } from "@/server/rbac/permissions";
import { createContext } from "@/server/trpc/context";
import { appRouter, createCaller } from "@/server/trpc/root";
import { assignRole, makeGroup, makeUser } from "../support/factories";
import { makeFixture, putInLostMode, snapshot, touchDevice, type Fixture } from "../support/staff-matrix-fixtures";
import { useTestDatabase } from "../support/test-db";

/**
 * The permission matrix of the staff area (issue 5): every staff procedure x every built-in role,
 * a custom role and an all-users administrator x a subject in and out of scope. Each cell is
 * derived from the permission catalog, not written by hand, and a refusal must change nothing.
 */
type Subject = "none" | "list" | "user" | "device" | "ticket" | "grant" | "all-users-only";
type Spec = {
  permission: Permission | null;
  subject: Subject;
  input: (f: Fixture) => unknown;
  prepare?: (f: Fixture) => Promise<void>;
  /** For procedures whose permission depends on the subject: any of these lets the caller look it up. */
  gate?: Permission[];
};
const deviceActions: Permission[] = ["devices.rename", "devices.sync", "devices.lock", "devices.reset_passcode", "devices.retire", "devices.wipe"];
const reason = "Matrix check";

const database = useTestDatabase();
const matrix: Record<string, Spec> = {
  "staff.overview": { permission: null, subject: "none", input: () => undefined },
  "staff.users.search": { permission: "users.read", subject: "list", input: (f) => ({ query: f.email }) },
  "staff.users.get": { permission: "users.read", subject: "user", input: (f) => ({ userId: f.userId }) },
  "staff.devices.rename": { permission: "devices.rename", subject: "device", input: (f) => ({ deviceId: f.deviceId, reason, name: "Renamed by matrix" }) },
  "staff.devices.sync": { permission: "devices.sync", subject: "device", input: (f) => ({ deviceId: f.deviceId, reason }) },
  "staff.devices.lock": { permission: "devices.lock", subject: "device", input: (f) => ({ deviceId: f.deviceId, reason, message: "Locked by IT" }) },
  "staff.devices.lostModeOff": { permission: "devices.lock", subject: "device", input: (f) => ({ deviceId: f.deviceId, reason }), prepare: (f) => putInLostMode(database.db, f.deviceId) },
  "staff.devices.resetPasscode": { permission: "devices.reset_passcode", subject: "device", input: (f) => ({ deviceId: f.deviceId, reason }) },
  "staff.devices.retire": { permission: "devices.retire", subject: "device", input: (f) => ({ deviceId: f.deviceId, reason }) },
  "staff.devices.wipe": { permission: "devices.wipe", subject: "device", input: (f) => ({ deviceId: f.deviceId, reason }) },
  // Cancelling needs the permission of the command's kind: the fixture's pending command is a rename.
  "staff.devices.cancel": { permission: "devices.rename", gate: deviceActions, subject: "device", input: (f) => ({ commandId: f.commandId, reason }) },
  "staff.devices.delete": { permission: "devices.delete", subject: "device", input: (f) => ({ deviceId: f.deviceId, reason }) },
  "staff.devices.commands": { permission: "devices.read", subject: "device", input: (f) => ({ deviceId: f.deviceId }) },
  "staff.tickets.queue": { permission: "tickets.read", subject: "list", input: () => ({}) },
  "staff.tickets.get": { permission: "tickets.read", subject: "ticket", input: (f) => ({ ticketId: f.ticketId }) },
  "staff.tickets.assignees": { permission: "tickets.assign", subject: "ticket", input: (f) => ({ ticketId: f.ticketId }) },
  "staff.tickets.assign": { permission: "tickets.assign", subject: "ticket", input: (f) => ({ ticketId: f.ticketId, assigneeId: null }) },
  "staff.tickets.reply": { permission: "tickets.update", subject: "ticket", input: (f) => ({ ticketId: f.ticketId, body: "We are on it." }) },
  "staff.tickets.note": { permission: "tickets.update", subject: "ticket", input: (f) => ({ ticketId: f.ticketId, body: "Internal." }) },
  "staff.tickets.setStatus": { permission: "tickets.update", subject: "ticket", input: (f) => ({ ticketId: f.ticketId, status: "in_progress" }) },
  "staff.tickets.setPriority": { permission: "tickets.update", subject: "ticket", input: (f) => ({ ticketId: f.ticketId, priority: "high" }) },
  "staff.audit.list": { permission: "audit.read", subject: "list", input: () => ({}) },
  "staff.audit.verify": { permission: "audit.read", subject: "all-users-only", input: () => undefined },
  "staff.rbac.roles": { permission: "roles.read", subject: "none", input: () => undefined },
  "staff.rbac.assignments": { permission: "roles.read", subject: "none", input: () => undefined },
  "staff.rbac.assignmentOptions": { permission: "roles.read", subject: "none", input: () => undefined },
  "staff.rbac.createRole": { permission: "roles.manage", subject: "none", input: () => ({ name: `Matrix new ${crypto.randomUUID()}`, permissions: ["users.read"] }) },
  "staff.rbac.updateRole": { permission: "roles.manage", subject: "none", input: (f) => ({ roleId: f.freeRoleId, name: `Matrix renamed ${crypto.randomUUID()}`, permissions: ["users.read"] }) },
  "staff.rbac.deleteRole": { permission: "roles.manage", subject: "none", input: (f) => ({ roleId: f.freeRoleId }) },
  "staff.rbac.createAssignment": {
    permission: "roles.manage",
    subject: "grant",
    input: (f) => ({ name: `Matrix grant ${crypto.randomUUID()}`, roleId: f.freeRoleId, memberUserIds: [f.userId], memberGroupIds: [], allUsers: false, scopeGroupIds: [f.groupId], scopeTagIds: [] }),
  },
  "staff.rbac.updateAssignment": {
    permission: "roles.manage",
    subject: "grant",
    input: (f) => ({ assignmentId: f.assignmentId, name: `Matrix regrant ${crypto.randomUUID()}`, roleId: f.roleId, memberUserIds: [f.userId], memberGroupIds: [], allUsers: false, scopeGroupIds: [f.groupId], scopeTagIds: [] }),
  },
  "staff.rbac.deleteAssignment": { permission: "roles.manage", subject: "grant", input: (f) => ({ assignmentId: f.assignmentId }) },
  "live.userUpdates": { permission: "users.read", subject: "user", input: (f) => ({ userId: f.userId }) },
};

const customPermissions: Permission[] = ["users.read", "devices.read", "devices.sync", "tickets.read"];
type Actor = { label: string; id: string; permissions: readonly Permission[]; allUsers: boolean };
const actors: Actor[] = [];
let inGroup: string;
let outGroup: string;

beforeAll(async () => {
  const db = database.db;
  inGroup = (await makeGroup(db)).id;
  outGroup = (await makeGroup(db)).id;
  for (const key of ["help_desk_operator", "read_only_operator", "administrator", "role_administrator"] as const) {
    const user = await makeUser(db);
    await addStaffToGroup(user.id);
    await assignRole(db, user.id, key, { groupIds: [inGroup] });
    actors.push({ label: `${builtInRoles[key].name} (scoped)`, id: user.id, permissions: builtInRoles[key].permissions, allUsers: false });
  }
  const custom = await makeUser(db);
  await addStaffToGroup(custom.id);
  const [role] = await db.insert(roles).values({ name: "Matrix custom role", permissions: customPermissions }).returning();
  const [assignment] = await db.insert(roleAssignments).values({ roleId: role!.id, name: "Matrix custom assignment" }).returning();
  await db.insert(roleAssignmentMembers).values({ assignmentId: assignment!.id, userId: custom.id });
  await db.insert(roleAssignmentScopeGroups).values({ assignmentId: assignment!.id, groupId: inGroup });
  actors.push({ label: "Custom role (scoped)", id: custom.id, permissions: customPermissions, allUsers: false });
  const admin = await makeUser(db);
  await assignRole(db, admin.id, "administrator", { allUsers: true });
  actors.push({ label: "Administrator (all users)", id: admin.id, permissions: builtInRoles.administrator.permissions, allUsers: true });
});

// Staff are members of the group they serve, as in the demo organization.
async function addStaffToGroup(userId: string) {
  const { addToGroup } = await import("../support/factories");
  await addToGroup(database.db, userId, inGroup);
}

function expected(spec: Spec, actor: Actor, inScope: boolean): "OK" | "FORBIDDEN" | "NOT_FOUND" {
  const holds = (permission: Permission) => actor.permissions.includes(permission);
  if (spec.gate) {
    // Out-of-scope subjects do not exist for the caller, so NOT_FOUND comes before the exact permission.
    if (!spec.gate.some(holds)) return "FORBIDDEN";
    if (!inScope && !actor.allUsers) return "NOT_FOUND";
    return spec.permission && !holds(spec.permission) ? "FORBIDDEN" : "OK";
  }
  if (spec.permission && !holds(spec.permission)) return "FORBIDDEN";
  if (spec.subject === "all-users-only") return actor.allUsers ? "OK" : "FORBIDDEN";
  if (inScope || actor.allUsers) return "OK";
  if (spec.subject === "grant") return "FORBIDDEN";
  return spec.subject === "user" || spec.subject === "device" || spec.subject === "ticket" ? "NOT_FOUND" : "OK";
}

let hub: UserSignalHub | undefined;
afterAll(() => hub?.close());
const signals = async () => {
  hub ??= new UserSignalHub(database.database);
  await hub.start();
  return hub;
};

async function call(path: string, actorId: string, input: unknown, fixture: Fixture): Promise<string> {
  const caller = createCaller(createContext({ db: database.db, session: { userId: actorId, authTime: Math.floor(Date.now() / 1000) }, userSignals: signals }));
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown, opts?: { signal: AbortSignal }) => Promise<unknown>;
  const abort = new AbortController();
  try {
    const result = await fn(input, { signal: abort.signal });
    if (path.startsWith("live.")) {
      // A subscription checks scope when it starts streaming; allowed, it must deliver a change.
      const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      const first = iterator.next();
      const poke = setInterval(() => void touchDevice(database.db, fixture.deviceId), 200);
      try {
        const { value } = await first;
        if (!(value && typeof value === "object" && "topic" in value)) return "NO_UPDATE";
      } finally {
        clearInterval(poke);
        abort.abort();
        await iterator.return?.();
      }
    }
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe("staff permission matrix", () => {
  it("has an entry for every procedure of the staff area", () => {
    const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures);
    const staffArea = procedures.filter((path) => path.startsWith("staff.") || path === "live.userUpdates");
    expect(staffArea.filter((path) => !(path in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((path) => !staffArea.includes(path))).toEqual([]);
  });

  it("answers every role in and out of scope as the catalog says, and refusals change nothing", async () => {
    const mismatches: string[] = [];
    for (const [path, spec] of Object.entries(matrix)) {
      for (const actor of actors) {
        for (const inScope of [true, false]) {
          const fixture = await makeFixture(database.db, inScope ? inGroup : outGroup, actor.id);
          await spec.prepare?.(fixture);
          const want = expected(spec, actor, inScope);
          const before = want === "OK" ? null : await snapshot(database.db);
          // A cell that never answers is a failure of its own, not a hung suite.
          const got = await Promise.race([call(path, actor.id, spec.input(fixture), fixture), new Promise<string>((resolve) => setTimeout(() => resolve("TIMEOUT"), 10_000))]);
          if (got !== want) mismatches.push(`${path} as ${actor.label}, ${inScope ? "in" : "out of"} scope: expected ${want}, got ${got}`);
          if (before) {
            const after = await snapshot(database.db);
            if (JSON.stringify(after) !== JSON.stringify(before)) mismatches.push(`${path} as ${actor.label}: refused but the database changed`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);
});
