import { eq, inArray, or } from "drizzle-orm";
import {
  groupMembers,
  roleAssignmentMembers,
  roleAssignments,
  roleAssignmentScopeGroups,
  roleAssignmentScopeTags,
  roles,
} from "@/db/schema";
import type { Db } from "@/db/types";
import { isPermission, type Permission } from "./permissions";

/** One role assignment held by a staff member: what it allows, over whom. */
export type Grant = {
  assignmentId: string;
  roleName: string;
  permissions: Permission[];
  allUsers: boolean;
  scopeGroupIds: string[];
  scopeTagIds: string[];
};

/** Every assignment a user holds, directly or through a group, read from the database on each call. */
export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectDistinct({
      assignmentId: roleAssignments.id,
      roleName: roles.name,
      permissions: roles.permissions,
      allUsers: roleAssignments.allUsers,
    })
    .from(roleAssignmentMembers)
    .innerJoin(roleAssignments, eq(roleAssignments.id, roleAssignmentMembers.assignmentId))
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .where(
      or(
        eq(roleAssignmentMembers.userId, userId),
        inArray(
          roleAssignmentMembers.groupId,
          db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.userId, userId)),
        ),
      ),
    );
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.assignmentId);
  const [groupScopes, tagScopes] = await Promise.all([
    db.select().from(roleAssignmentScopeGroups).where(inArray(roleAssignmentScopeGroups.assignmentId, ids)),
    db.select().from(roleAssignmentScopeTags).where(inArray(roleAssignmentScopeTags.assignmentId, ids)),
  ]);
  return rows.map((row) => ({
    assignmentId: row.assignmentId,
    roleName: row.roleName,
    permissions: row.permissions.filter(isPermission),
    allUsers: row.allUsers,
    scopeGroupIds: groupScopes.filter((s) => s.assignmentId === row.assignmentId).map((s) => s.groupId),
    scopeTagIds: tagScopes.filter((s) => s.assignmentId === row.assignmentId).map((s) => s.tagId),
  }));
}

/** The grants that carry one permission; empty means FORBIDDEN. */
export function grantsFor(grants: Grant[], permission: Permission): Grant[] {
  return grants.filter((grant) => grant.permissions.includes(permission));
}

export function permissionsOf(grants: Grant[]): Set<Permission> {
  return new Set(grants.flatMap((grant) => grant.permissions));
}

