import { and, asc, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import { groupMembers, roleAssignmentMembers, roleAssignments, roleAssignmentScopeGroups, roles, tickets, users } from "@/db/schema";
import type { Db } from "@/db/types";
import { AppError } from "../errors";
import { userScopeCondition } from "../rbac/scope";
import type { StaffCaller } from "./staff-caller";

/**
 * Active users who could work a ticket of this requester: an assignment granting tickets.update
 * whose scope reaches the requester (directly or through a group). The same SQL decides whether
 * an assignment is allowed, so the picker and the check never disagree.
 */
export function assigneeCondition(db: Db, requesterId: string): SQL {
  const holdsAssignment = db
    .select({ one: sql`1` })
    .from(roleAssignmentMembers)
    .innerJoin(roleAssignments, eq(roleAssignments.id, roleAssignmentMembers.assignmentId))
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .where(
      and(
        sql`${"tickets.update"} = any(${roles.permissions})`,
        or(
          eq(roleAssignmentMembers.userId, users.id),
          inArray(roleAssignmentMembers.groupId, db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.userId, users.id))),
        ),
        or(
          eq(roleAssignments.allUsers, true),
          exists(
            db
              .select({ one: sql`1` })
              .from(roleAssignmentScopeGroups)
              .innerJoin(groupMembers, eq(groupMembers.groupId, roleAssignmentScopeGroups.groupId))
              .where(and(eq(roleAssignmentScopeGroups.assignmentId, roleAssignments.id), eq(groupMembers.userId, requesterId))),
          ),
        ),
      ),
    );
  return and(eq(users.status, "active"), exists(holdsAssignment))!;
}

/** The assignee picker of one ticket (in the caller's tickets.assign scope), by name. */
export async function ticketAssignees(db: Db, caller: StaffCaller, ticketId: string) {
  const [ticket] = await db
    .select({ requesterId: tickets.requesterId })
    .from(tickets)
    .where(and(eq(tickets.id, ticketId), userScopeCondition(db, caller.grants, tickets.requesterId)));
  if (!ticket) throw new AppError("NOT_FOUND", "No such ticket.");
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(assigneeCondition(db, ticket.requesterId))
    .orderBy(asc(users.name))
    .limit(200);
}
