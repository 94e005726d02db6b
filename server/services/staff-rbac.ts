import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { groups, roleAssignments, roleAssignmentScopeGroups, roleAssignmentScopeTags, roles } from "@/db/schema";
import type { Db, Tx } from "@/db/types";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors";
import { isPermission, permissions as catalog, type Permission } from "../rbac/permissions";
import { staffActor, type StaffCaller } from "./staff-caller";
import { assertCoversScope, assertHoldsAll } from "./staff-rbac-rules";

/** RBAC admin (F19), roles: the built-in ones are read-only; custom ones are made here. */

export type RoleInput = { name: string; description?: string | null; permissions: Permission[] };

/** Catalog order, no duplicates: stored and audited the same way whatever order the form sent. */
export const normalizePermissions = (list: readonly string[]): Permission[] => catalog.filter((p) => list.includes(p));

/** Unique names are checked first for a clear message; a concurrent duplicate still lands here. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

export async function listRoles(db: Db) {
  const rows = await db
    .select({
      id: roles.id,
      name: roles.name,
      description: roles.description,
      permissions: roles.permissions,
      builtIn: roles.builtIn,
      builtInKey: roles.builtInKey,
      // Aliased: drizzle leaves columns unqualified here, and "role_id = id" would compare the subquery's own row.
      assignmentCount: sql<number>`(select count(*)::int from role_assignments ra where ra.role_id = "roles"."id")`,
      createdAt: roles.createdAt,
      updatedAt: roles.updatedAt,
    })
    .from(roles)
    .orderBy(sql`${roles.builtIn} desc`, asc(roles.name));
  return rows.map((row) => ({ ...row, permissions: normalizePermissions(row.permissions.filter(isPermission)) }));
}

async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: roles.id })
    .from(roles)
    .where(and(sql`lower(${roles.name}) = lower(${name})`, exceptId ? ne(roles.id, exceptId) : undefined));
  if (taken) throw new AppError("CONFLICT", `A role named "${name}" already exists.`, { fieldErrors: { name: ["Choose another name."] } });
}

async function lockCustomRole(tx: Tx, roleId: string) {
  const [role] = await tx.select().from(roles).where(eq(roles.id, roleId)).for("update");
  if (!role) throw new AppError("NOT_FOUND", "No such role.");
  if (role.builtIn) {
    throw new AppError("FORBIDDEN", `"${role.name}" is a built-in role and cannot be changed. Create a custom role with the permissions you need instead.`);
  }
  return { ...role, permissions: normalizePermissions(role.permissions) };
}

function withUniqueNames<T>(work: Promise<T>, name: string): Promise<T> {
  return work.catch((error: unknown) => {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `The name "${name}" is already taken.`);
    throw error;
  });
}

export async function createRole(db: Db, caller: StaffCaller, input: RoleInput) {
  const permissions = normalizePermissions(input.permissions);
  assertHoldsAll(caller.allGrants, permissions);
  const work = db.transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    const [role] = await tx
      .insert(roles)
      .values({ name: input.name, description: input.description ?? null, permissions, builtIn: false })
      .returning();
    await recordAudit(tx, {
      actor: staffActor(caller),
      action: "role.created",
      target: { type: "role", id: role!.id },
      details: { name: role!.name, permissions },
      ...caller.meta,
    });
    return role!;
  });
  return withUniqueNames(work, input.name);
}

/** Scopes of the role's assignments, with group names for readable refusals. */
async function assignmentScopesOf(tx: Tx, roleId: string) {
  const assignments = await tx.select({ id: roleAssignments.id, allUsers: roleAssignments.allUsers }).from(roleAssignments).where(eq(roleAssignments.roleId, roleId));
  if (assignments.length === 0) return { scopes: [], groupNames: new Map<string, string>() };
  const ids = assignments.map((a) => a.id);
  const [scopeGroups, scopeTags] = await Promise.all([
    tx
      .select({ assignmentId: roleAssignmentScopeGroups.assignmentId, id: groups.id, name: groups.name })
      .from(roleAssignmentScopeGroups)
      .innerJoin(groups, eq(groups.id, roleAssignmentScopeGroups.groupId))
      .where(inArray(roleAssignmentScopeGroups.assignmentId, ids)),
    tx.select().from(roleAssignmentScopeTags).where(inArray(roleAssignmentScopeTags.assignmentId, ids)),
  ]);
  return {
    scopes: assignments.map((a) => ({
      allUsers: a.allUsers,
      scopeGroupIds: scopeGroups.filter((g) => g.assignmentId === a.id).map((g) => g.id),
      scopeTagIds: scopeTags.filter((t) => t.assignmentId === a.id).map((t) => t.tagId),
    })),
    groupNames: new Map(scopeGroups.map((g) => [g.id, g.name])),
  };
}

/**
 * Edits a custom role. The caller must hold every permission it has before and after (so nobody
 * edits, or strips, a role more powerful than their own). When the permissions change, the change
 * reaches everyone holding the role: each of its assignments must be within the caller's scope for
 * roles.manage and for every added permission.
 */
export async function updateRole(db: Db, caller: StaffCaller, roleId: string, input: RoleInput) {
  const permissions = normalizePermissions(input.permissions);
  const work = db.transaction(async (tx) => {
    const before = await lockCustomRole(tx, roleId);
    assertHoldsAll(caller.allGrants, normalizePermissions([...before.permissions, ...permissions]));
    const added = permissions.filter((p) => !before.permissions.includes(p));
    const permissionsChanged = added.length > 0 || permissions.length !== before.permissions.length;
    if (permissionsChanged) {
      const { scopes, groupNames } = await assignmentScopesOf(tx, roleId);
      for (const scope of scopes) assertCoversScope(caller.allGrants, added, scope, groupNames);
    }
    if (input.name !== before.name) await assertNameFree(tx, input.name, roleId);
    const description = input.description === undefined ? before.description : input.description;
    const [role] = await tx.update(roles).set({ name: input.name, description, permissions, updatedAt: new Date() }).where(eq(roles.id, roleId)).returning();
    await recordAudit(tx, {
      actor: staffActor(caller),
      action: "role.updated",
      target: { type: "role", id: roleId },
      details: {
        before: { name: before.name, description: before.description, permissions: before.permissions },
        after: { name: input.name, description, permissions },
      },
      ...caller.meta,
    });
    return role!;
  });
  return withUniqueNames(work, input.name);
}

/** Deletes a custom role nobody holds; one with assignments must be unassigned first. */
export async function deleteRole(db: Db, caller: StaffCaller, roleId: string) {
  return db.transaction(async (tx) => {
    const role = await lockCustomRole(tx, roleId);
    assertHoldsAll(caller.allGrants, role.permissions);
    const inUse = await tx.$count(roleAssignments, eq(roleAssignments.roleId, roleId));
    if (inUse > 0) {
      throw new AppError(
        "CONFLICT",
        `"${role.name}" is used by ${inUse} assignment${inUse === 1 ? "" : "s"}; remove or change ${inUse === 1 ? "it" : "them"} before deleting the role.`,
        { assignments: inUse },
      );
    }
    await tx.delete(roles).where(eq(roles.id, roleId));
    await recordAudit(tx, {
      actor: staffActor(caller),
      action: "role.deleted",
      target: { type: "role", id: roleId },
      details: { name: role.name, permissions: role.permissions },
      ...caller.meta,
    });
    return { roleId, deleted: true as const };
  });
}
