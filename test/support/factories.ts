import { randomUUID } from "node:crypto";
import { devices, groupMembers, groups, roleAssignmentMembers, roleAssignments, roleAssignmentScopeGroups, roles, users } from "@/db/schema";
import type { Db } from "@/db/types";
import { hashPassword } from "@/server/auth/password";
import type { BuiltInRoleKey } from "@/server/rbac/permissions";
import { eq } from "drizzle-orm";

// Unique data per call, so tests never collide with each other or with seeded rows.
const unique = () => randomUUID().slice(0, 8);

export async function makeUser(db: Db, overrides: Partial<typeof users.$inferInsert> & { password?: string } = {}) {
  const { password, ...rest } = overrides;
  const id = unique();
  const [user] = await db
    .insert(users)
    .values({
      email: `user-${id}@test.example`,
      name: `Test User ${id}`,
      passwordHash: password ? await hashPassword(password) : null,
      ...rest,
    })
    .returning();
  return user!;
}

export async function makeGroup(db: Db, name = `Group ${unique()}`) {
  const [group] = await db.insert(groups).values({ name }).returning();
  return group!;
}

export async function addToGroup(db: Db, userId: string, groupId: string) {
  await db.insert(groupMembers).values({ userId, groupId });
}

export async function makeDevice(db: Db, ownerId: string, overrides: Partial<typeof devices.$inferInsert> = {}) {
  const id = unique();
  const [device] = await db
    .insert(devices)
    .values({
      ownerId,
      displayName: `Device ${id}`,
      platform: "android",
      osVersion: "14",
      ownership: "personal",
      serial: `SN${id.toUpperCase()}`,
      ...overrides,
    })
    .returning();
  return device!;
}

/** Gives a user a built-in role over all users or over the given groups. */
export async function assignRole(db: Db, userId: string, role: BuiltInRoleKey, scope: { allUsers: true } | { groupIds: string[] }) {
  const [found] = await db.select().from(roles).where(eq(roles.builtInKey, role));
  const [assignment] = await db
    .insert(roleAssignments)
    .values({ roleId: found!.id, name: `Assignment ${unique()}`, allUsers: "allUsers" in scope })
    .returning();
  await db.insert(roleAssignmentMembers).values({ assignmentId: assignment!.id, userId });
  if ("groupIds" in scope && scope.groupIds.length > 0) {
    await db.insert(roleAssignmentScopeGroups).values(scope.groupIds.map((groupId) => ({ assignmentId: assignment!.id, groupId })));
  }
  return assignment!;
}
