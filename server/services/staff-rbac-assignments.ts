import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import {
  groups,
  roleAssignmentMembers,
  roleAssignments,
  roleAssignmentScopeGroups,
  roleAssignmentScopeTags,
  roles,
  scopeTags,
  users,
} from "@/db/schema";
import type { Db, Tx } from "@/db/types";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors";
import { staffActor, type StaffCaller } from "./staff-caller";
import { isUniqueViolation, normalizePermissions } from "./staff-rbac";
import { assertCoversScope, type AssignmentScope } from "./staff-rbac-rules";

/** RBAC admin (F19), assignments: a role, its members (users, groups) and its scope. */

export type AssignmentInput = AssignmentScope & {
  name: string;
  description?: string | null;
  roleId: string;
  memberUserIds: string[];
  memberGroupIds: string[];
};

/** Every assignment with its role, members and scope: four queries, stitched here (no N+1). */
export async function listAssignments(db: Db) {
  const [rows, members, scopeGroupRows, scopeTagRows] = await Promise.all([
    db
      .select({
        id: roleAssignments.id,
        name: roleAssignments.name,
        description: roleAssignments.description,
        allUsers: roleAssignments.allUsers,
        role: { id: roles.id, name: roles.name, builtIn: roles.builtIn },
        createdAt: roleAssignments.createdAt,
        updatedAt: roleAssignments.updatedAt,
      })
      .from(roleAssignments)
      .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
      .orderBy(asc(roleAssignments.name)),
    db
      .select({
        assignmentId: roleAssignmentMembers.assignmentId,
        userId: users.id,
        userName: users.name,
        userEmail: users.email,
        groupId: groups.id,
        groupName: groups.name,
      })
      .from(roleAssignmentMembers)
      .leftJoin(users, eq(users.id, roleAssignmentMembers.userId))
      .leftJoin(groups, eq(groups.id, roleAssignmentMembers.groupId)),
    db
      .select({ assignmentId: roleAssignmentScopeGroups.assignmentId, id: groups.id, name: groups.name })
      .from(roleAssignmentScopeGroups)
      .innerJoin(groups, eq(groups.id, roleAssignmentScopeGroups.groupId)),
    db
      .select({ assignmentId: roleAssignmentScopeTags.assignmentId, id: scopeTags.id, name: scopeTags.name })
      .from(roleAssignmentScopeTags)
      .innerJoin(scopeTags, eq(scopeTags.id, roleAssignmentScopeTags.tagId)),
  ]);
  const of = <T extends { assignmentId: string }>(list: T[], id: string) => list.filter((row) => row.assignmentId === id);
  return rows.map((row) => ({
    ...row,
    memberUsers: of(members, row.id).flatMap((m) => (m.userId ? [{ id: m.userId, name: m.userName!, email: m.userEmail! }] : [])),
    memberGroups: of(members, row.id).flatMap((m) => (m.groupId ? [{ id: m.groupId, name: m.groupName! }] : [])),
    scopeGroups: of(scopeGroupRows, row.id).map(({ id, name }) => ({ id, name })),
    scopeTags: of(scopeTagRows, row.id).map(({ id, name }) => ({ id, name })),
  }));
}

/** What the assignment form picks from: groups (members and scope) and scope tags. */
export async function assignmentOptions(db: Db) {
  const [groupRows, tagRows] = await Promise.all([
    db.select({ id: groups.id, name: groups.name }).from(groups).orderBy(asc(groups.name)).limit(1000),
    db.select({ id: scopeTags.id, name: scopeTags.name }).from(scopeTags).orderBy(asc(scopeTags.name)).limit(1000),
  ]);
  return { groups: groupRows, scopeTags: tagRows };
}

const unique = (ids: string[]) => [...new Set(ids)];
const badRequest = (field: string, message: string) => new AppError("BAD_REQUEST", message, { fieldErrors: { [field]: [message] } });

/** Everything the input points at must exist; the role's permissions and group names come back. */
async function resolve(tx: Tx, input: AssignmentInput) {
  if (input.allUsers && input.scopeGroupIds.length > 0) throw badRequest("scopeGroupIds", "Choose either all users or scope groups, not both.");
  if (!input.allUsers && input.scopeGroupIds.length === 0) throw badRequest("scopeGroupIds", "Choose all users or at least one scope group.");
  const [role] = await tx.select().from(roles).where(eq(roles.id, input.roleId));
  if (!role) throw badRequest("roleId", "Choose a role.");
  const groupIds = unique([...input.memberGroupIds, ...input.scopeGroupIds]);
  const [foundUsers, foundGroups, foundTags] = await Promise.all([
    input.memberUserIds.length ? tx.select({ id: users.id }).from(users).where(inArray(users.id, input.memberUserIds)) : [],
    groupIds.length ? tx.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, groupIds)) : [],
    input.scopeTagIds.length ? tx.select({ id: scopeTags.id }).from(scopeTags).where(inArray(scopeTags.id, input.scopeTagIds)) : [],
  ]);
  const missing = (ids: string[], found: { id: string }[]) => ids.some((id) => !found.some((row) => row.id === id));
  if (missing(input.memberUserIds, foundUsers)) throw badRequest("memberUserIds", "One of the member users no longer exists.");
  if (missing(input.memberGroupIds, foundGroups)) throw badRequest("memberGroupIds", "One of the member groups no longer exists.");
  if (missing(input.scopeGroupIds, foundGroups)) throw badRequest("scopeGroupIds", "One of the scope groups no longer exists.");
  if (missing(input.scopeTagIds, foundTags)) throw badRequest("scopeTagIds", "One of the scope tags no longer exists.");
  return { role, permissions: normalizePermissions(role.permissions), groupNames: new Map(foundGroups.map((g) => [g.id, g.name])) };
}

type Snapshot = Omit<AssignmentInput, "description"> & { description: string | null; roleName: string };

/** An assignment as stored (locked), in the input's shape, for the rules and the audit trail. */
async function lockAssignment(tx: Tx, assignmentId: string): Promise<Snapshot> {
  const [row] = await tx.select().from(roleAssignments).where(eq(roleAssignments.id, assignmentId)).for("update");
  if (!row) throw new AppError("NOT_FOUND", "No such assignment.");
  const [[role], members, scopeGroupRows, scopeTagRows] = await Promise.all([
    tx.select({ name: roles.name }).from(roles).where(eq(roles.id, row.roleId)),
    tx.select().from(roleAssignmentMembers).where(eq(roleAssignmentMembers.assignmentId, assignmentId)),
    tx.select().from(roleAssignmentScopeGroups).where(eq(roleAssignmentScopeGroups.assignmentId, assignmentId)),
    tx.select().from(roleAssignmentScopeTags).where(eq(roleAssignmentScopeTags.assignmentId, assignmentId)),
  ]);
  return {
    name: row.name,
    description: row.description,
    roleId: row.roleId,
    roleName: role?.name ?? "",
    allUsers: row.allUsers,
    memberUserIds: members.flatMap((m) => (m.userId ? [m.userId] : [])),
    memberGroupIds: members.flatMap((m) => (m.groupId ? [m.groupId] : [])),
    scopeGroupIds: scopeGroupRows.map((s) => s.groupId),
    scopeTagIds: scopeTagRows.map((s) => s.tagId),
  };
}

/** Nobody may edit or remove an assignment they could not have made (see staff-rbac-rules). */
async function assertMayManage(tx: Tx, caller: StaffCaller, existing: Snapshot) {
  const [role] = await tx.select({ permissions: roles.permissions }).from(roles).where(eq(roles.id, existing.roleId));
  const names = existing.scopeGroupIds.length
    ? await tx.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, existing.scopeGroupIds))
    : [];
  assertCoversScope(caller.allGrants, normalizePermissions(role?.permissions ?? []), existing, new Map(names.map((g) => [g.id, g.name])));
}

async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(and(sql`lower(${roleAssignments.name}) = lower(${name})`, exceptId ? ne(roleAssignments.id, exceptId) : undefined));
  if (taken) throw new AppError("CONFLICT", `An assignment named "${name}" already exists.`, { fieldErrors: { name: ["Choose another name."] } });
}

/** Replaces the member and scope rows: the form always sends the whole assignment. */
async function writeLinks(tx: Tx, assignmentId: string, input: AssignmentInput) {
  await tx.delete(roleAssignmentMembers).where(eq(roleAssignmentMembers.assignmentId, assignmentId));
  await tx.delete(roleAssignmentScopeGroups).where(eq(roleAssignmentScopeGroups.assignmentId, assignmentId));
  await tx.delete(roleAssignmentScopeTags).where(eq(roleAssignmentScopeTags.assignmentId, assignmentId));
  const members = [
    ...unique(input.memberUserIds).map((userId) => ({ assignmentId, userId })),
    ...unique(input.memberGroupIds).map((groupId) => ({ assignmentId, groupId })),
  ];
  if (members.length) await tx.insert(roleAssignmentMembers).values(members);
  if (input.scopeGroupIds.length) await tx.insert(roleAssignmentScopeGroups).values(unique(input.scopeGroupIds).map((groupId) => ({ assignmentId, groupId })));
  if (input.scopeTagIds.length) await tx.insert(roleAssignmentScopeTags).values(unique(input.scopeTagIds).map((tagId) => ({ assignmentId, tagId })));
}

const snapshotOf = (input: AssignmentInput, roleName: string): Snapshot => ({
  name: input.name,
  description: input.description ?? null,
  roleId: input.roleId,
  roleName,
  allUsers: input.allUsers,
  memberUserIds: unique(input.memberUserIds),
  memberGroupIds: unique(input.memberGroupIds),
  scopeGroupIds: unique(input.scopeGroupIds),
  scopeTagIds: unique(input.scopeTagIds),
});

function withUniqueNames<T>(work: Promise<T>, name: string): Promise<T> {
  return work.catch((error: unknown) => {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `The name "${name}" is already taken.`);
    throw error;
  });
}

export async function createAssignment(db: Db, caller: StaffCaller, input: AssignmentInput) {
  const work = db.transaction(async (tx) => {
    const { role, permissions, groupNames } = await resolve(tx, input);
    assertCoversScope(caller.allGrants, permissions, input, groupNames);
    await assertNameFree(tx, input.name);
    const [row] = await tx
      .insert(roleAssignments)
      .values({ name: input.name, description: input.description ?? null, roleId: role.id, allUsers: input.allUsers })
      .returning({ id: roleAssignments.id });
    await writeLinks(tx, row!.id, input);
    await recordAudit(tx, {
      actor: staffActor(caller),
      action: "role_assignment.created",
      target: { type: "role_assignment", id: row!.id },
      details: { ...snapshotOf(input, role.name), permissions },
      ...caller.meta,
    });
    return { assignmentId: row!.id };
  });
  return withUniqueNames(work, input.name);
}

export async function updateAssignment(db: Db, caller: StaffCaller, assignmentId: string, input: AssignmentInput) {
  const work = db.transaction(async (tx) => {
    const before = await lockAssignment(tx, assignmentId);
    await assertMayManage(tx, caller, before);
    const { role, permissions, groupNames } = await resolve(tx, input);
    assertCoversScope(caller.allGrants, permissions, input, groupNames);
    if (input.name !== before.name) await assertNameFree(tx, input.name, assignmentId);
    await tx
      .update(roleAssignments)
      .set({ name: input.name, description: input.description ?? null, roleId: role.id, allUsers: input.allUsers, updatedAt: new Date() })
      .where(eq(roleAssignments.id, assignmentId));
    await writeLinks(tx, assignmentId, input);
    await recordAudit(tx, {
      actor: staffActor(caller),
      action: "role_assignment.updated",
      target: { type: "role_assignment", id: assignmentId },
      details: { before, after: { ...snapshotOf(input, role.name), permissions } },
      ...caller.meta,
    });
    return { assignmentId };
  });
  return withUniqueNames(work, input.name);
}

export async function deleteAssignment(db: Db, caller: StaffCaller, assignmentId: string) {
  return db.transaction(async (tx) => {
    const before = await lockAssignment(tx, assignmentId);
    await assertMayManage(tx, caller, before);
    await tx.delete(roleAssignments).where(eq(roleAssignments.id, assignmentId));
    await recordAudit(tx, {
      actor: staffActor(caller),
      action: "role_assignment.deleted",
      target: { type: "role_assignment", id: assignmentId },
      details: { before },
      ...caller.meta,
    });
    return { assignmentId, deleted: true as const };
  });
}
