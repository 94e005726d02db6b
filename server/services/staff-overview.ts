import { count } from "drizzle-orm";
import { devices, users } from "@/db/schema";
import type { Db } from "@/db/types";
import { grantsFor, permissionsOf, type Grant } from "../rbac/grants";
import { permissions } from "../rbac/permissions";
import { deviceScopeCondition, userScopeCondition } from "../rbac/scope";

/** The staff home: which roles this person holds and how much of the organization they reach. */
export async function staffOverview(db: Db, grants: Grant[]) {
  const userGrants = grantsFor(grants, "users.read");
  const deviceGrants = grantsFor(grants, "devices.read");
  const [[usersInScope], [devicesInScope]] = await Promise.all([
    db.select({ n: count() }).from(users).where(userScopeCondition(db, userGrants, users.id)),
    db.select({ n: count() }).from(devices).where(deviceScopeCondition(db, deviceGrants, devices.id, devices.ownerId)),
  ]);
  const held = permissionsOf(grants);
  return {
    roles: [...new Set(grants.map((grant) => grant.roleName))].sort(),
    permissions: permissions.filter((permission) => held.has(permission)),
    usersInScope: usersInScope?.n ?? 0,
    devicesInScope: devicesInScope?.n ?? 0,
  };
}
