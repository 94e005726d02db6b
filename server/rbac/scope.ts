import { and, exists, inArray, or, sql, type SQL, type AnyColumn } from "drizzle-orm";
import { deviceScopeTags, groupMembers } from "@/db/schema";
import type { Db } from "@/db/types";
import type { Grant } from "./grants";

/**
 * Scope as SQL (DESIGN §5): a subject user is in scope of a grant when the grant covers all
 * users or the user belongs to one of its scope groups. Every staff query adds this condition
 * in the database, so out-of-scope rows are never read, listed or counted.
 */
function userInGrant(db: Db, grant: Grant, userId: AnyColumn | SQL): SQL {
  if (grant.allUsers) return sql`true`;
  if (grant.scopeGroupIds.length === 0) return sql`false`;
  return exists(
    db
      .select({ one: sql`1` })
      .from(groupMembers)
      .where(and(sql`${groupMembers.userId} = ${userId}`, inArray(groupMembers.groupId, grant.scopeGroupIds))),
  );
}

/** Users (by their id column) that at least one of the grants reaches. */
export function userScopeCondition(db: Db, grants: Grant[], userId: AnyColumn | SQL): SQL {
  if (grants.length === 0) return sql`false`;
  return or(...grants.map((grant) => userInGrant(db, grant, userId)))!;
}

/**
 * Devices (by their id and owner columns) that at least one grant reaches: owner in scope and,
 * when the grant has scope tags, the device carries one of them.
 */
export function deviceScopeCondition(db: Db, grants: Grant[], deviceId: AnyColumn | SQL, ownerId: AnyColumn | SQL): SQL {
  if (grants.length === 0) return sql`false`;
  return or(
    ...grants.map((grant) => {
      const owner = userInGrant(db, grant, ownerId);
      if (grant.scopeTagIds.length === 0) return owner;
      const tagged = exists(
        db
          .select({ one: sql`1` })
          .from(deviceScopeTags)
          .where(and(sql`${deviceScopeTags.deviceId} = ${deviceId}`, inArray(deviceScopeTags.tagId, grant.scopeTagIds))),
      );
      return and(owner, tagged)!;
    }),
  )!;
}
