/**
 * Demo seed: the "Contoso Demo" organization that demo mode starts with. Idempotent, keyed on
 * the demo admin: once it exists nothing is touched, so edits made while demoing survive restarts.
 */
import { sql } from "drizzle-orm";
import {
  groupMembers,
  groups,
  roleAssignmentMembers,
  roleAssignments,
  roleAssignmentScopeGroups,
  roles,
  settings,
  users,
} from "@/db/schema";
import type { Db, Tx } from "@/db/types";
import { recordAudit } from "@/server/audit/record";
import { hashPassword } from "@/server/auth/password";
import { DEMO_PASSWORD, demoAccounts } from "@/server/demo/accounts";
import { createRandom, DAY, emailFor, employees, staffGroups, SYSTEM, type Region } from "./demo-data";
import { seedActivity } from "./demo-activity";
import { seedFleet } from "./demo-fleet";

const ADMIN_EMAIL = "admin@ward.example";
// Serializes concurrent seeders (two app instances starting at once); distinct from the audit lock.
const SEED_LOCK = 0x5745_4544;

/** What every part of the seed shares: one clock, one random stream, and the users by e-mail. */
export type SeedContext = {
  tx: Tx;
  now: number;
  ago: (ms: number) => Date;
  random: () => number;
  userIds: Map<string, string>;
  userId: (email: string) => string;
};

export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  if (await adminExists(db)) return { created: false };
  // Hashed once, outside the transaction (scrypt is slow), and shared by every demo account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    // Checked again under the lock: another process may have seeded while we were hashing.
    if (await adminExists(tx)) return { created: false };
    const now = Date.now();
    const userIds = new Map<string, string>();
    const ctx: SeedContext = {
      tx,
      now,
      ago: (ms) => new Date(now - ms),
      random: createRandom(20260101),
      userIds,
      userId: (email) => {
        const id = userIds.get(email);
        if (!id) throw new Error(`demo seed: no user ${email}`);
        return id;
      },
    };
    const { groupIds, ...people } = await seedPeople(ctx, passwordHash);
    await recordAudit(tx, { actor: SYSTEM, action: "demo.seeded", details: { kind: "users", ...people } });
    const staff = await seedStaff(ctx, groupIds);
    await recordAudit(tx, { actor: SYSTEM, action: "demo.seeded", details: { kind: "role_assignments", ...staff } });
    // The fleet writes its own summaries plus one audit event per past command.
    const fleet = await seedFleet(ctx);
    await seedActivity(ctx, fleet);
    await seedSettings(ctx);
    return { created: true };
  });
}

async function adminExists(db: Db | Tx): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${ADMIN_EMAIL}`).limit(1);
  return rows.length > 0;
}

async function seedPeople(ctx: SeedContext, passwordHash: string) {
  const { tx, random } = ctx;
  const groupRows = [
    { name: "EMEA", description: "Everyone based in Europe, the Middle East and Africa" },
    { name: "Americas", description: "Everyone based in North and South America" },
    { name: "Engineering", description: "Engineering department" },
    { name: "Sales", description: "Sales department" },
  ].map((group) => ({ ...group, id: crypto.randomUUID(), createdAt: ctx.ago(400 * DAY) }));
  await tx.insert(groups).values(groupRows);
  const groupIds = new Map(groupRows.map((group) => [group.name, group.id]));

  // Fictional phone ranges: Ofcom's 020 7946 0xxx drama numbers and the North American 555-01xx.
  let emea = 100;
  let americas = 10;
  const phoneFor = (region: Region | null) =>
    region === "Americas" ? `+1 555 01${String(americas++).padStart(2, "0")}` : `+44 20 7946 0${emea++}`;

  const employeeEmails = new Set(employees.map((employee) => emailFor(employee.name)));
  const staffRows = demoAccounts
    .filter((account) => !employeeEmails.has(account.email))
    .map((account) => {
      const region = staffGroups[account.email] ?? null;
      return { email: account.email, name: account.name, region, department: account.email.startsWith("readonly") ? "Internal Audit" : "IT" };
    });
  const rows = [
    ...staffRows.map((staff) => ({ ...staff, status: "active" as const })),
    ...employees.map((employee) => ({
      email: emailFor(employee.name),
      name: employee.name,
      region: employee.region,
      department: employee.department,
      status: employee.status ?? ("active" as const),
    })),
  ].map((row) => ({
    ...row,
    id: crypto.randomUUID(),
    phone: phoneFor(row.region),
    passwordHash,
    lastSignInAt: row.status === "active" ? ctx.ago(random() * 10 * DAY) : null,
    createdAt: ctx.ago((200 + random() * 400) * DAY),
  }));
  await tx.insert(users).values(rows);
  for (const row of rows) ctx.userIds.set(row.email, row.id);

  // Region groups for everyone with a region; department groups only where one exists.
  const memberships = rows.flatMap((row) =>
    [row.region, row.department]
      .map((name) => (name ? groupIds.get(name) : undefined))
      .filter((groupId): groupId is string => Boolean(groupId))
      .map((groupId) => ({ groupId, userId: row.id, addedAt: row.createdAt })),
  );
  await tx.insert(groupMembers).values(memberships);
  return { groupIds, users: rows.length, groups: groupRows.length, memberships: memberships.length };
}

async function seedStaff(ctx: SeedContext, groupIds: Map<string, string>) {
  const { tx } = ctx;
  const builtIn = await tx.select({ id: roles.id, key: roles.builtInKey }).from(roles);
  const roleId = (key: string) => {
    const role = builtIn.find((row) => row.key === key);
    // syncBuiltInRoles runs at bootstrap, before the seed; without it there is nothing to assign.
    if (!role) throw new Error(`demo seed: built-in role ${key} missing (run syncBuiltInRoles first)`);
    return role.id;
  };
  const assignments = [
    { name: "Administrators", role: "administrator", allUsers: true, member: "admin@ward.example", scope: null },
    { name: "Help desk EMEA", role: "help_desk_operator", allUsers: false, member: "helpdesk.emea@ward.example", scope: "EMEA" },
    { name: "Help desk Americas", role: "help_desk_operator", allUsers: false, member: "helpdesk.americas@ward.example", scope: "Americas" },
    { name: "Read-only auditors", role: "read_only_operator", allUsers: true, member: "readonly@ward.example", scope: null },
  ].map((assignment) => ({ ...assignment, id: crypto.randomUUID() }));

  await tx.insert(roleAssignments).values(
    assignments.map((a) => ({ id: a.id, roleId: roleId(a.role), name: a.name, allUsers: a.allUsers, description: `Demo: ${a.name.toLowerCase()}` })),
  );
  await tx.insert(roleAssignmentMembers).values(assignments.map((a) => ({ assignmentId: a.id, userId: ctx.userId(a.member) })));
  const scoped = assignments.flatMap((a) => (a.scope ? [{ assignmentId: a.id, groupId: groupIds.get(a.scope)! }] : []));
  await tx.insert(roleAssignmentScopeGroups).values(scoped);
  return { assignments: assignments.length, scopeGroups: scoped.length };
}

async function seedSettings(ctx: SeedContext) {
  const rows = [
    { key: "branding", value: { organizationName: "Contoso Demo", themeColor: "#0f62fe", logoUrl: null, privacyUrl: "https://example.com/privacy" } },
    { key: "support", value: { email: "help@ward.example", phone: "+1 555 0100", hours: "Mon-Fri 8:00-18:00", url: null } },
  ];
  await ctx.tx.insert(settings).values(rows);
  await recordAudit(ctx.tx, { actor: SYSTEM, action: "demo.seeded", details: { kind: "settings", keys: rows.map((row) => row.key) } });
}
