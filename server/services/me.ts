import { and, asc, eq, notInArray } from "drizzle-orm";
import { devices, groupMembers, groups, users } from "@/db/schema";
import type { Db } from "@/db/types";
import { AppError } from "../errors";
import { loadGrants } from "../rbac/grants";

export async function getProfile(db: Db, userId: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, phone: users.phone, department: users.department, region: users.region })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new AppError("NOT_FOUND", "This account no longer exists.");
  const memberOf = await db
    .select({ id: groups.id, name: groups.name })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(eq(groupMembers.userId, userId))
    .orderBy(asc(groups.name));
  return { ...user, groups: memberOf };
}

/** The user's own devices that are still managed or on their way out (not wiped or retired). */
export async function listOwnDevices(db: Db, userId: string) {
  return db
    .select({
      id: devices.id,
      displayName: devices.displayName,
      platform: devices.platform,
      osVersion: devices.osVersion,
      model: devices.model,
      ownership: devices.ownership,
      managementState: devices.managementState,
      complianceState: devices.complianceState,
      graceDeadline: devices.graceDeadline,
      lastCheckInAt: devices.lastCheckInAt,
    })
    .from(devices)
    .where(and(eq(devices.ownerId, userId), notInArray(devices.managementState, ["retired", "wiped"])))
    .orderBy(asc(devices.displayName));
}

/** Whether the user holds any role assignment (the staff area is shown only then). */
export async function hasStaffAccess(db: Db, userId: string): Promise<boolean> {
  return (await loadGrants(db, userId)).length > 0;
}
