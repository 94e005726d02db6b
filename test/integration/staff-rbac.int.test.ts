import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, roleAssignmentMembers, roleAssignments, roleAssignmentScopeGroups, roles } from "@/db/schema";
import { verifyAuditChain } from "@/server/audit/verify";
import { loadGrants } from "@/server/rbac/grants";
import { createContext } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";
import { addToGroup, assignRole, makeGroup, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();

const callerFor = (userId: string) => createCaller(createContext({ db: database.db, session: { userId, authTime: Math.floor(Date.now() / 1000) } }));

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  return { code: "OK", message: "" };
}

/** Every RBAC table and the audit trail: a refused call must leave all of them as they were. */
async function snapshot() {
  const db = database.db;
  return {
    roles: await db.select().from(roles).orderBy(roles.id),
    assignments: await db.select().from(roleAssignments).orderBy(roleAssignments.id),
    members: await db.$count(roleAssignmentMembers),
    scopes: await db.$count(roleAssignmentScopeGroups),
    audit: await db.$count(auditEvents),
  };
}

const auditOf = (action: string, targetId: string) =>
  database.db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));

const builtInId = async (key: string) => (await database.db.select({ id: roles.id }).from(roles).where(eq(roles.builtInKey, key)))[0]!.id;

describe("staff RBAC admin", () => {
  let admin: { id: string };
  let roleAdmin: { id: string };
  let emeaRoleAdmin: { id: string };
  let emea: { id: string };
  let americas: { id: string };

  beforeAll(async () => {
    const db = database.db;
    emea = await makeGroup(db);
    americas = await makeGroup(db);
    admin = await makeUser(db);
    await assignRole(db, admin.id, "administrator", { allUsers: true });
    roleAdmin = await makeUser(db);
    await assignRole(db, roleAdmin.id, "role_administrator", { allUsers: true });
    emeaRoleAdmin = await makeUser(db);
    await assignRole(db, emeaRoleAdmin.id, "role_administrator", { groupIds: [emea.id] });
  });

  it("creates a custom role (audited) and lists it beside the built-in ones", async () => {
    const role = await callerFor(admin.id).staff.rbac.createRole({
      name: "Ticket Triage",
      description: "Works the queue",
      permissions: ["tickets.update", "tickets.read", "tickets.read"],
    });
    expect(role.permissions).toEqual(["tickets.read", "tickets.update"]);
    const list = await callerFor(roleAdmin.id).staff.rbac.roles();
    expect(list.filter((r) => r.builtIn).map((r) => r.name).sort()).toEqual(["Administrator", "Help Desk Operator", "Read Only Operator", "Role Administrator"]);
    expect(list.find((r) => r.id === role.id)).toMatchObject({ builtIn: false, assignmentCount: 0, permissions: ["tickets.read", "tickets.update"] });
    expect(await auditOf("role.created", role.id)).toMatchObject([{ actorKind: "staff", actorId: admin.id, details: { name: "Ticket Triage" } }]);
    // Built-in roles in use count their assignments (the admin and role admin hold one each at least).
    expect(list.find((r) => r.name === "Administrator")!.assignmentCount).toBeGreaterThanOrEqual(1);
    expect((await refusal(callerFor(admin.id).staff.rbac.createRole({ name: "ticket triage", permissions: ["users.read"] }))).code).toBe("CONFLICT");
  });

  it("refuses unknown permissions and permissions the caller does not hold, changing nothing", async () => {
    const reader = await makeUser(database.db);
    await assignRole(database.db, reader.id, "read_only_operator", { allUsers: true });
    const before = await snapshot();
    const unknown = callerFor(admin.id).staff.rbac.createRole({ name: "Bad", permissions: ["devices.explode" as "devices.wipe"] });
    expect((await refusal(unknown)).code).toBe("BAD_REQUEST");
    const wipe = await refusal(callerFor(roleAdmin.id).staff.rbac.createRole({ name: "Wipers", permissions: ["users.read", "devices.wipe"] }));
    expect(wipe.code).toBe("FORBIDDEN");
    expect(wipe.message).toContain("devices.wipe");
    // Without roles.manage at all.
    expect((await refusal(callerFor(reader.id).staff.rbac.createRole({ name: "Readers", permissions: ["users.read"] }))).code).toBe("FORBIDDEN");
    expect((await callerFor(reader.id).staff.rbac.roles()).length).toBeGreaterThanOrEqual(4);
    expect(await snapshot()).toEqual(before);
  });

  it("keeps built-in roles read-only and in-use roles undeletable", async () => {
    const helpDesk = await builtInId("help_desk_operator");
    const before = await snapshot();
    const update = await refusal(callerFor(admin.id).staff.rbac.updateRole({ roleId: helpDesk, name: "Help Desk", permissions: ["users.read"] }));
    expect(update.code).toBe("FORBIDDEN");
    expect(update.message).toMatch(/built-in/);
    expect((await refusal(callerFor(admin.id).staff.rbac.deleteRole({ roleId: helpDesk }))).code).toBe("FORBIDDEN");
    expect(await snapshot()).toEqual(before);

    const role = await callerFor(admin.id).staff.rbac.createRole({ name: "Held", permissions: ["users.read"] });
    const { assignmentId } = await callerFor(admin.id).staff.rbac.createAssignment({ name: "Held by one", roleId: role.id, memberUserIds: [admin.id], allUsers: true });
    expect((await refusal(callerFor(admin.id).staff.rbac.deleteRole({ roleId: role.id }))).code).toBe("CONFLICT");
    await callerFor(admin.id).staff.rbac.deleteAssignment({ assignmentId });
    expect(await callerFor(admin.id).staff.rbac.deleteRole({ roleId: role.id })).toEqual({ roleId: role.id, deleted: true });
    expect(await auditOf("role.deleted", role.id)).toHaveLength(1);
  });

  it("creates, updates and deletes an assignment, audited, taking effect at once", async () => {
    const db = database.db;
    const staff = await makeUser(db);
    const requester = await makeUser(db);
    await addToGroup(db, requester.id, emea.id);
    const triage = await callerFor(admin.id).staff.rbac.createRole({ name: "Triage", permissions: ["tickets.read"] });
    expect((await refusal(callerFor(staff.id).staff.tickets.queue({}))).code).toBe("FORBIDDEN");

    const { assignmentId } = await callerFor(admin.id).staff.rbac.createAssignment({
      name: "EMEA triage",
      roleId: triage.id,
      memberUserIds: [staff.id],
      scopeGroupIds: [emea.id],
    });
    expect(await loadGrants(db, staff.id)).toEqual([
      { assignmentId, roleName: "Triage", permissions: ["tickets.read"], allUsers: false, scopeGroupIds: [emea.id], scopeTagIds: [] },
    ]);
    expect((await refusal(callerFor(staff.id).staff.tickets.queue({}))).code).toBe("OK");
    expect(await auditOf("role_assignment.created", assignmentId)).toMatchObject([{ details: { name: "EMEA triage", roleName: "Triage", scopeGroupIds: [emea.id] } }]);
    const listed = (await callerFor(roleAdmin.id).staff.rbac.assignments()).find((a) => a.id === assignmentId);
    expect(listed).toMatchObject({ role: { id: triage.id, name: "Triage" }, allUsers: false, memberUsers: [{ id: staff.id }], scopeGroups: [{ id: emea.id }] });

    // Membership through a group, scope widened to all users.
    const team = await makeGroup(db);
    const teammate = await makeUser(db);
    await addToGroup(db, teammate.id, team.id);
    await callerFor(admin.id).staff.rbac.updateAssignment({ assignmentId, name: "Everyone triage", roleId: triage.id, memberGroupIds: [team.id], allUsers: true });
    expect(await loadGrants(db, staff.id)).toEqual([]);
    expect(await loadGrants(db, teammate.id)).toMatchObject([{ assignmentId, allUsers: true, scopeGroupIds: [] }]);
    const [updated] = await auditOf("role_assignment.updated", assignmentId);
    expect(updated!.details).toMatchObject({ before: { name: "EMEA triage", memberUserIds: [staff.id] }, after: { name: "Everyone triage", allUsers: true, memberGroupIds: [team.id] } });

    await callerFor(admin.id).staff.rbac.deleteAssignment({ assignmentId });
    expect(await loadGrants(db, teammate.id)).toEqual([]);
    expect((await refusal(callerFor(teammate.id).staff.tickets.queue({}))).code).toBe("FORBIDDEN");
    expect(await auditOf("role_assignment.deleted", assignmentId)).toHaveLength(1);
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it("validates the assignment's scope and references", async () => {
    const triage = await callerFor(admin.id).staff.rbac.createRole({ name: "Scope check", permissions: ["users.read"] });
    const before = await snapshot();
    const create = (input: Partial<Parameters<ReturnType<typeof callerFor>["staff"]["rbac"]["createAssignment"]>[0]>) =>
      refusal(callerFor(admin.id).staff.rbac.createAssignment({ name: "Scoped", roleId: triage.id, ...input }));
    expect((await create({})).code).toBe("BAD_REQUEST");
    expect((await create({ allUsers: true, scopeGroupIds: [emea.id] })).code).toBe("BAD_REQUEST");
    expect((await create({ scopeGroupIds: [crypto.randomUUID()] })).code).toBe("BAD_REQUEST");
    expect((await create({ allUsers: true, memberUserIds: [crypto.randomUUID()] })).code).toBe("BAD_REQUEST");
    expect((await create({ allUsers: true, roleId: crypto.randomUUID() })).code).toBe("BAD_REQUEST");
    expect(await snapshot()).toEqual(before);
  });

  it("never lets a staff member grant more than they hold, in permissions or in scope", async () => {
    const db = database.db;
    const member = await makeUser(db);
    const narrow = await callerFor(admin.id).staff.rbac.createRole({ name: "Directory", permissions: ["users.read"] });
    const helpDesk = await builtInId("help_desk_operator");
    const before = await snapshot();

    // The Role Administrator holds no device permission, so cannot hand out Help Desk.
    const wipe = await refusal(callerFor(roleAdmin.id).staff.rbac.createAssignment({ name: "HD", roleId: helpDesk, memberUserIds: [member.id], allUsers: true }));
    expect(wipe).toMatchObject({ code: "FORBIDDEN" });
    expect(wipe.message).toMatch(/devices\./);
    // A Role Administrator over EMEA cannot grant over all users nor over another group.
    const emeaAdmin = callerFor(emeaRoleAdmin.id).staff.rbac;
    expect((await refusal(emeaAdmin.createAssignment({ name: "All", roleId: narrow.id, memberUserIds: [member.id], allUsers: true }))).code).toBe("FORBIDDEN");
    const other = await refusal(emeaAdmin.createAssignment({ name: "Am", roleId: narrow.id, memberUserIds: [member.id], scopeGroupIds: [americas.id] }));
    expect(other.code).toBe("FORBIDDEN");
    expect(await snapshot()).toEqual(before);

    // Within EMEA it works; an assignment made by a wider admin cannot be edited or removed by them.
    const { assignmentId } = await emeaAdmin.createAssignment({ name: "EMEA directory", roleId: narrow.id, memberUserIds: [member.id], scopeGroupIds: [emea.id] });
    expect((await loadGrants(db, member.id))[0]).toMatchObject({ assignmentId, scopeGroupIds: [emea.id] });
    const wide = await callerFor(admin.id).staff.rbac.createAssignment({ name: "Global directory", roleId: narrow.id, memberUserIds: [admin.id], allUsers: true });
    const snap = await snapshot();
    const joinWide = emeaAdmin.updateAssignment({ assignmentId: wide.assignmentId, name: "Global directory", roleId: narrow.id, memberUserIds: [emeaRoleAdmin.id], allUsers: true });
    expect((await refusal(joinWide)).code).toBe("FORBIDDEN");
    expect((await refusal(emeaAdmin.deleteAssignment({ assignmentId: wide.assignmentId }))).code).toBe("FORBIDDEN");
    // Changing the role's permissions would change what the all-users assignment grants.
    expect((await refusal(emeaAdmin.updateRole({ roleId: narrow.id, name: "Directory", permissions: ["users.read", "roles.read"] }))).code).toBe("FORBIDDEN");
    // Nor may anyone edit a role holding permissions they lack.
    const strong = await callerFor(admin.id).staff.rbac.createRole({ name: "Strong", permissions: ["users.read", "devices.delete"] });
    const snap2 = await snapshot();
    expect((await refusal(callerFor(roleAdmin.id).staff.rbac.updateRole({ roleId: strong.id, name: "Strong", permissions: ["users.read"] }))).code).toBe("FORBIDDEN");
    expect((await refusal(callerFor(roleAdmin.id).staff.rbac.deleteRole({ roleId: strong.id }))).code).toBe("FORBIDDEN");
    expect(await snapshot()).toEqual(snap2);
    expect({ ...snap2, roles: snap.roles, audit: snap.audit }).toEqual(snap);

    // The all-users Role Administrator may rename and widen roles within what they hold.
    const renamed = await callerFor(roleAdmin.id).staff.rbac.updateRole({ roleId: narrow.id, name: "Directory readers", permissions: ["users.read", "roles.read"] });
    expect(renamed).toMatchObject({ name: "Directory readers", permissions: ["users.read", "roles.read"] });
    expect(await auditOf("role.updated", narrow.id)).toMatchObject([{ details: { before: { name: "Directory" }, after: { name: "Directory readers" } } }]);
  });
});
