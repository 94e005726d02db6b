/**
 * The help desk's user page (DESIGN F15): everything about one user in one call.
 *
 * Decisions:
 * - Reading the user at all needs users.read over them (else NOT_FOUND, as if they did not
 *   exist). Every other section is there only when one of the caller's grants carrying the
 *   permission that reads it covers this user, and is null otherwise: a missing section is not
 *   an error, the page simply shows less.
 * - Devices (and their actions) are further limited by the devices.read scope tags, so an
 *   operator may see some devices of a user and not others.
 * - The query count is fixed whatever the data: sections are single queries run side by side,
 *   per-device facts (failing rules, active commands, permissions) are fetched for all devices
 *   at once, and lists are bounded.
 * - Compliance is shown as of `now`, like the owner's access status: a grace period that has run
 *   out reads noncompliant even before the sweep has run.
 */
import { and, asc, desc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { auditEvents, deviceCommands, devices, enrollmentEvents, groupMembers, groups, terms, termsAcceptances, termsVersions, tickets, users } from "@/db/schema";
import type { Db } from "@/db/types";
import { capabilitiesFor } from "../devices/capabilities";
import { AppError } from "../errors";
import { grantsFor, type Grant } from "../rbac/grants";
import { permissions as catalog, type Permission } from "../rbac/permissions";
import { deviceScopeCondition, userScopeCondition } from "../rbac/scope";
import { assertUserInScope } from "../rbac/scope-checks";
import { ACTIVE_STATUSES, isUuid } from "./command-effects";
import { failingRulesOf } from "./compliance";
import { commandsWithRequester, type StaffCommand } from "./staff-devices";
import { termsForUser } from "./terms";

/** What the help desk can tell the user, per enrollment refusal (the stored message is the user's own). */
const ENROLLMENT_HINTS: Record<string, string> = {
  code_used: "The code was already used. Ask the user to create a new one in the portal.",
  code_expired: "Codes last 10 minutes. Ask the user to create a new code and enroll straight away.",
  account_inactive: "The account is not active. Check the user's status with HR or the identity team.",
  terms_not_accepted: "The user must accept the current terms in the portal first (see Terms on this page).",
  platform_blocked: "This platform is blocked by the user's enrollment restriction. Offer another device, or ask an administrator.",
  personal_not_allowed: "Personal devices of this platform are not allowed. Enroll it as corporate if it is company-owned.",
  os_too_old: "The OS is below the restriction's minimum. The user must update the device before enrolling.",
  os_too_new: "The OS is above the restriction's maximum. An administrator can raise it, or the user can enroll another device.",
  device_limit_reached: "The user has reached the device limit. Retire a device they no longer use, or ask an administrator to raise the limit.",
};

/** Per grant, whether it reaches the subject: one boolean array column, so one query for all grants. */
const reachArray = (conditions: ReturnType<typeof sql>[]) =>
  sql<boolean[]>`array[${conditions.length > 0 ? sql.join(conditions, sql`, `) : sql``}]::boolean[]`;

const union = (grants: Grant[], reach: boolean[], keep: (p: Permission) => boolean): Permission[] => {
  const held = new Set(grants.flatMap((grant, i) => (reach[i] ? grant.permissions.filter(keep) : [])));
  return catalog.filter((p) => held.has(p));
};

const deviceColumns = {
  id: devices.id,
  displayName: devices.displayName,
  platform: devices.platform,
  osVersion: devices.osVersion,
  model: devices.model,
  manufacturer: devices.manufacturer,
  serial: devices.serial,
  imei: devices.imei,
  ownership: devices.ownership,
  managementState: devices.managementState,
  complianceState: devices.complianceState,
  complianceSince: devices.complianceSince,
  graceDeadline: devices.graceDeadline,
  lastCheckInAt: devices.lastCheckInAt,
  enrolledAt: devices.enrolledAt,
  lostModeMessage: devices.lostModeMessage,
};

async function devicesSection(db: Db, all: Grant[], userId: string, now: Date) {
  const deviceGrants = all.filter((grant) => grant.permissions.some((p) => p.startsWith("devices.")));
  const rows = await db
    .select({ ...deviceColumns, reach: reachArray(deviceGrants.map((grant) => deviceScopeCondition(db, [grant], devices.id, devices.ownerId))) })
    .from(devices)
    .where(and(eq(devices.ownerId, userId), deviceScopeCondition(db, grantsFor(all, "devices.read"), devices.id, devices.ownerId)))
    .orderBy(asc(devices.displayName), asc(devices.id));
  const ids = rows.map((row) => row.id);
  const [failing, active] = await Promise.all([
    failingRulesOf(db, ids),
    ids.length === 0
      ? []
      : db
          .select({ deviceId: deviceCommands.deviceId, kind: deviceCommands.kind, status: deviceCommands.status })
          .from(deviceCommands)
          .where(and(inArray(deviceCommands.deviceId, ids), inArray(deviceCommands.status, [...ACTIVE_STATUSES]))),
  ]);
  return rows.map(({ reach, ...device }) => {
    const overdue = device.complianceState === "in_grace" && (!device.graceDeadline || device.graceDeadline.getTime() <= now.getTime());
    return {
      ...device,
      complianceState: overdue ? ("noncompliant" as const) : device.complianceState,
      graceDeadline: overdue ? null : device.graceDeadline,
      failing: failing.get(device.id) ?? [],
      /** What each action would do here, or why it is not possible (platform, state, one pending). */
      capabilities: capabilitiesFor(device, active.filter((c) => c.deviceId === device.id)),
      /** The devices.* permissions the caller holds over this very device (scope tags included). */
      permissions: union(deviceGrants, reach ?? [], (p) => p.startsWith("devices.")),
    };
  });
}

const actor = alias(users, "actor");
const assignee = alias(users, "assignee");

export async function staffUserPage(db: Db, all: Grant[], userId: string, now: Date) {
  if (!isUuid(userId)) throw new AppError("NOT_FOUND", "No such user.");
  const user = await assertUserInScope(db, grantsFor(all, "users.read"), userId);
  // Which grants reach this user decides both the sections and the permissions the UI offers.
  const reach = all.every((grant) => grant.allUsers)
    ? all.map(() => true)
    : ((
        await db
          .select({ reach: reachArray(all.map((grant) => userScopeCondition(db, [grant], users.id))) })
          .from(users)
          .where(eq(users.id, userId))
      )[0]?.reach ?? []);
  const held = union(all, reach, () => true);
  const can = (permission: Permission) => held.includes(permission);
  const when = <T>(permission: Permission, load: () => Promise<T>): Promise<T | null> => (can(permission) ? load() : Promise.resolve(null));

  const [memberOf, deviceList, actions, acceptances, termsStatus, enrollmentFailures, ticketList, audit] = await Promise.all([
    db
      .select({ id: groups.id, name: groups.name, addedAt: groupMembers.addedAt })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(eq(groupMembers.userId, userId))
      .orderBy(asc(groups.name)),
    when("devices.read", () => devicesSection(db, all, userId, now)),
    when("devices.read", (): Promise<StaffCommand[]> =>
      commandsWithRequester(
        db,
        and(eq(devices.ownerId, userId), deviceScopeCondition(db, grantsFor(all, "devices.read"), devices.id, devices.ownerId))!,
        50,
      ),
    ),
    when("terms.read", () =>
      db
        .select({
          id: termsAcceptances.id,
          termsName: terms.name,
          version: termsVersions.version,
          title: termsVersions.title,
          acceptedAt: termsAcceptances.acceptedAt,
          ip: termsAcceptances.ip,
          userAgent: termsAcceptances.userAgent,
        })
        .from(termsAcceptances)
        .innerJoin(termsVersions, eq(termsVersions.id, termsAcceptances.termsVersionId))
        .innerJoin(terms, eq(terms.id, termsVersions.termsId))
        .where(eq(termsAcceptances.userId, userId))
        .orderBy(desc(termsAcceptances.acceptedAt), desc(termsAcceptances.id))
        .limit(100),
    ),
    when("terms.read", () => termsForUser(db, userId)),
    when("enrollment.read", () =>
      db
        .select({
          id: enrollmentEvents.id,
          reasonCode: enrollmentEvents.reasonCode,
          message: enrollmentEvents.message,
          platform: enrollmentEvents.platform,
          osVersion: enrollmentEvents.osVersion,
          details: enrollmentEvents.details,
          at: enrollmentEvents.createdAt,
        })
        .from(enrollmentEvents)
        .where(and(eq(enrollmentEvents.userId, userId), eq(enrollmentEvents.outcome, "failure")))
        .orderBy(desc(enrollmentEvents.createdAt), desc(enrollmentEvents.id))
        .limit(20),
    ),
    when("tickets.read", () =>
      db
        .select({ ...getTableColumns(tickets), assigneeName: assignee.name })
        .from(tickets)
        .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
        .where(eq(tickets.requesterId, userId))
        .orderBy(desc(tickets.createdAt), desc(tickets.id))
        .limit(20),
    ),
    when("audit.read", () =>
      db
        .select({
          seq: auditEvents.seq,
          id: auditEvents.id,
          at: auditEvents.at,
          actorKind: auditEvents.actorKind,
          actorId: auditEvents.actorId,
          actorName: sql<string | null>`coalesce(${actor.name}, ${auditEvents.actorLabel})`,
          action: auditEvents.action,
          targetType: auditEvents.targetType,
          targetId: auditEvents.targetId,
          details: auditEvents.details,
          ip: auditEvents.ip,
        })
        .from(auditEvents)
        .leftJoin(actor, eq(actor.id, auditEvents.actorId))
        .where(eq(auditEvents.subjectUserId, userId))
        .orderBy(desc(auditEvents.seq))
        .limit(50),
    ),
  ]);

  return {
    profile: {
      id: user.id,
      name: user.name,
      email: user.email,
      phone: user.phone,
      department: user.department,
      region: user.region,
      status: user.status,
      lastSignInAt: user.lastSignInAt,
      createdAt: user.createdAt,
    },
    groups: memberOf,
    permissions: held,
    devices: deviceList,
    actions,
    terms: acceptances && {
      // Where the user stands on each document that applies to them (the body is left out).
      current: (termsStatus ?? []).map((t) => ({
        termsId: t.termsId,
        name: t.name,
        currentVersion: t.current.version,
        currentTitle: t.current.title,
        acceptedVersion: t.accepted?.version ?? null,
        acceptedAt: t.accepted?.acceptedAt ?? null,
        mustAccept: t.mustAccept,
      })),
      history: acceptances,
    },
    enrollmentFailures: enrollmentFailures?.map((event) => ({
      ...event,
      hint: (event.reasonCode && ENROLLMENT_HINTS[event.reasonCode]) || "Check the message the user saw and the enrollment restrictions that apply to them.",
    })) ?? null,
    tickets: ticketList,
    audit,
  };
}

export type StaffUserPage = Awaited<ReturnType<typeof staffUserPage>>;
export type StaffUserDevice = NonNullable<StaffUserPage["devices"]>[number];
