import { eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { auditEvents, deviceCommands, devices, roleAssignmentMembers, roleAssignments, roleAssignmentScopeGroups, roles, ticketEvents, tickets } from "@/db/schema";
import type { Db } from "@/db/types";
import { addToGroup, makeDevice, makeUser } from "./factories";

/** Fresh subjects for one matrix case, all owned by a user in `groupId`. */
export type Fixture = {
  userId: string;
  email: string;
  deviceId: string;
  ticketId: string;
  commandId: string;
  roleId: string;
  freeRoleId: string;
  assignmentId: string;
  groupId: string;
};

export async function makeFixture(db: Db, groupId: string, staffId: string): Promise<Fixture> {
  const user = await makeUser(db);
  await addToGroup(db, user.id, groupId);
  const device = await makeDevice(db, user.id, { platform: "android", ownership: "corporate" });
  const [ticket] = await db.insert(tickets).values({ requesterId: user.id, subject: "Matrix ticket", deviceId: device.id }).returning();
  const [command] = await db
    .insert(deviceCommands)
    .values({ deviceId: device.id, kind: "rename", payload: { name: "Pending name" }, origin: "help_desk", reason: "matrix", requestedById: staffId, expiresAt: new Date(Date.now() + 86_400_000) })
    .returning();
  const tag = crypto.randomUUID().slice(0, 8);
  const [role] = await db.insert(roles).values({ name: `Matrix role ${tag}`, permissions: ["users.read"] }).returning();
  const [freeRole] = await db.insert(roles).values({ name: `Matrix free role ${tag}`, permissions: ["users.read"] }).returning();
  const [assignment] = await db.insert(roleAssignments).values({ roleId: role!.id, name: `Matrix assignment ${tag}` }).returning();
  await db.insert(roleAssignmentScopeGroups).values({ assignmentId: assignment!.id, groupId });
  await db.insert(roleAssignmentMembers).values({ assignmentId: assignment!.id, userId: user.id });
  return {
    userId: user.id,
    email: user.email,
    deviceId: device.id,
    ticketId: ticket!.id,
    commandId: command!.id,
    roleId: role!.id,
    freeRoleId: freeRole!.id,
    assignmentId: assignment!.id,
    groupId,
  };
}

/** Any change to the user's device, so a live subscription about them has something to deliver. */
export async function touchDevice(db: Db, deviceId: string): Promise<void> {
  await db.update(devices).set({ updatedAt: new Date() }).where(eq(devices.id, deviceId));
}

export async function putInLostMode(db: Db, deviceId: string): Promise<void> {
  await db.update(devices).set({ managementState: "lost_mode", lostModeMessage: "Lost" }).where(eq(devices.id, deviceId));
}

/** Row counts of every table a staff procedure may change: a refusal must leave them equal. */
export async function snapshot(db: Db): Promise<Record<string, number>> {
  const tables = { devices, deviceCommands, tickets, ticketEvents, roles, roleAssignments, roleAssignmentMembers, auditEvents };
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) counts[name] = await db.$count(table);
  // Changes that keep row counts (a rename, a status) are caught by a digest of the mutable columns.
  const [digest] = await queryRows<{ d: string }>(
    db,
    sql`select md5(coalesce((select string_agg(display_name || management_state::text, ',' order by id) from devices), '') ||
                   coalesce((select string_agg(status::text || priority::text || coalesce(assignee_id::text, ''), ',' order by id) from tickets), '') ||
                   coalesce((select string_agg(status::text, ',' order by id) from device_commands), '') ||
                   coalesce((select string_agg(name || array_to_string(permissions, '+'), ',' order by id) from roles), '') ||
                   coalesce((select string_agg(name, ',' order by id) from role_assignments), '')) as d`,
  );
  counts[`digest:${digest!.d}`] = 1;
  return counts;
}
