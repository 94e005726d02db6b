/**
 * Devices and everything hanging off them: categories, the Finance scope tag, compliance
 * policies with per-rule results, the enrollment restriction and history, and past commands.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  complianceResults,
  compliancePolicies,
  complianceRules,
  deviceCategories,
  deviceCommands,
  devices,
  deviceScopeTags,
  enrollmentEvents,
  enrollmentRestrictionPlatforms,
  enrollmentRestrictions,
  scopeTags,
  type DeviceInventory,
} from "@/db/schema";
import { recordAudit } from "@/server/audit/record";
import {
  catalog,
  DAY,
  emailFor,
  employees,
  evaluateRule,
  HOUR,
  makeImei,
  makeSerial,
  policies,
  restrictionPlatforms,
  SYSTEM,
} from "./demo-data";
import type { SeedContext } from "./demo";

const GRACE_HOURS = 72;
const MINUTE = 60_000;

type DeviceRow = typeof devices.$inferInsert & { id: string; ownerId: string; enrolledAt: Date };
/** Lets later parts of the seed (tickets, notifications) point at a specific person's device. */
export type Fleet = { device: (email: string, platform: DeviceRow["platform"]) => DeviceRow };

export async function seedFleet(ctx: SeedContext): Promise<Fleet> {
  const { tx, random, ago } = ctx;
  const categoryRows = ["Phones", "Tablets", "Laptops"].map((name) => ({ id: crypto.randomUUID(), name, description: `Demo: ${name.toLowerCase()}` }));
  await tx.insert(deviceCategories).values(categoryRows);
  const categoryFor = (platform: string) =>
    categoryRows[platform === "ios" || platform === "android" ? 0 : platform === "ipados" ? 1 : 2]!.id;
  const [finance] = await tx.insert(scopeTags).values({ name: "Finance", description: "Finance department devices" }).returning();

  // Policies first: each device's compliance state is derived from its facts, never stated twice.
  const policyRows = policies.map((policy) => ({ id: crypto.randomUUID(), name: policy.name, platform: policy.platform, gracePeriodHours: GRACE_HOURS }));
  await tx.insert(compliancePolicies).values(policyRows);
  const ruleRows = policies.flatMap((policy, i) =>
    policy.rules.map(([kind, value, remediation]) => ({ id: crypto.randomUUID(), policyId: policyRows[i]!.id, platform: policy.platform, kind, value, remediation: remediation ?? null })),
  );
  await tx.insert(complianceRules).values(ruleRows.map(({ platform: _platform, ...rule }) => rule));

  const serials = new Set<string>();
  const deviceRows: DeviceRow[] = [];
  const results: (typeof complianceResults.$inferInsert)[] = [];
  const tagged: string[] = [];
  for (const employee of employees) {
    const ownerId = ctx.userId(emailFor(employee.name));
    const firstName = employee.name.split(" ")[0];
    for (const spec of employee.devices) {
      const model = catalog[spec.model];
      const phone = model.platform === "ios" || model.platform === "android";
      const osVersion = spec.os ?? model.os;
      const inventory: DeviceInventory = {
        passcodeSet: true,
        encrypted: true,
        jailbroken: false,
        storageTotalGb: model.storageGb,
        storageFreeGb: Math.round(model.storageGb * (0.1 + random() * 0.6)),
        ...spec.inv,
      };
      // Sam's iPhone is new (his ticket is about it); unknown devices enrolled minutes ago.
      const enrolledAt = spec.unknown ? ago(20 * MINUTE + random() * 3 * HOUR) : spec.name === "Sam's iPhone" ? ago(5 * DAY) : ago((20 + random() * 300) * DAY);
      const lastCheckInAt = spec.unknown ? null : spec.retired ? ago(12 * DAY) : employee.status ? ago(6 * DAY) : ago(random() * 3 * DAY);
      const id = crypto.randomUUID();

      const rules = ruleRows.filter((rule) => rule.platform === model.platform);
      const evaluated = rules.map((rule) => ({ rule, ...evaluateRule(rule.kind, rule.value, osVersion, inventory) }));
      const failing = evaluated.some((result) => result.status === "noncompliant");
      if (!spec.unknown) {
        for (const r of evaluated) results.push({ deviceId: id, ruleId: r.rule.id, status: r.status, reportedValue: r.reportedValue, evaluatedAt: lastCheckInAt ?? enrolledAt });
      }
      // In grace: failing since a day ago, so the 72 h deadline is two days out. Overdue: the deadline passed two days ago.
      const complianceState = spec.unknown ? "unknown" : !failing ? "compliant" : spec.overdue ? "noncompliant" : "in_grace";
      const complianceSince = complianceState === "in_grace" ? ago(DAY) : complianceState === "noncompliant" ? ago(2 * DAY) : enrolledAt;

      deviceRows.push({
        id,
        ownerId,
        displayName: spec.name ?? `${firstName}'s ${model.short}`,
        platform: model.platform,
        osVersion,
        model: model.model,
        manufacturer: model.manufacturer,
        serial: makeSerial(random, serials),
        imei: phone ? makeImei(random) : null,
        ownership: spec.own,
        categoryId: categoryFor(model.platform),
        managementState: spec.lost ? "lost_mode" : spec.retired ? "retired" : "enrolled",
        complianceState,
        complianceSince,
        graceDeadline: complianceState === "in_grace" ? new Date(complianceSince.getTime() + GRACE_HOURS * HOUR) : null,
        lostModeMessage: spec.lost ? `This phone belongs to ${employee.name} at Contoso. Please call the number below.` : null,
        lostModePhone: spec.lost ? "+44 20 7946 0999" : null,
        inventory,
        // Simulated devices: nobody holds the secret, but the column is unique so each needs its own hash.
        secretHash: createHash("sha256").update(randomBytes(32)).digest("hex"),
        enrolledAt,
        lastCheckInAt,
        createdAt: enrolledAt,
        updatedAt: lastCheckInAt ?? enrolledAt,
      });
      if (spec.finance) tagged.push(id);
    }
  }
  await tx.insert(devices).values(deviceRows);
  await tx.insert(deviceScopeTags).values(tagged.map((deviceId) => ({ deviceId, tagId: finance!.id })));
  await tx.insert(complianceResults).values(results);

  const fleet: Fleet = {
    device: (email, platform) => {
      const ownerId = ctx.userId(email);
      const row = deviceRows.find((device) => device.ownerId === ownerId && device.platform === platform);
      if (!row) throw new Error(`demo seed: ${email} has no ${platform} device`);
      return row;
    },
  };
  const count = (key: "platform" | "complianceState" | "managementState") =>
    Object.fromEntries([...new Set(deviceRows.map((row) => row[key]))].map((value) => [value, deviceRows.filter((row) => row[key] === value).length]));
  await recordAudit(tx, {
    actor: SYSTEM,
    action: "demo.seeded",
    details: { kind: "devices", devices: deviceRows.length, platforms: count("platform"), compliance: count("complianceState"), management: count("managementState"), financeTagged: tagged.length },
  });
  await recordAudit(tx, { actor: SYSTEM, action: "demo.seeded", details: { kind: "compliance", policies: policyRows.length, rules: ruleRows.length, results: results.length } });

  await seedEnrollment(ctx, fleet, deviceRows);
  await seedCommands(ctx, fleet);
  return fleet;
}

async function seedEnrollment(ctx: SeedContext, fleet: Fleet, deviceRows: DeviceRow[]) {
  const { tx } = ctx;
  const [restriction] = await tx.insert(enrollmentRestrictions).values({ name: "Default", isDefault: true, priority: 0, deviceLimit: 5 }).returning();
  await tx.insert(enrollmentRestrictionPlatforms).values(restrictionPlatforms.map((platform) => ({ ...platform, restrictionId: restriction!.id, allowed: true })));

  // One success per device, plus Sam's first attempt with his old iPhone, refused by the iOS floor.
  const sam = "sam.taylor@ward.example";
  const events: (typeof enrollmentEvents.$inferInsert)[] = deviceRows.map((row, i) => ({
    userId: row.ownerId,
    deviceId: row.id,
    outcome: "success",
    platform: row.platform,
    osVersion: row.osVersion,
    details: { ownership: row.ownership, model: row.model },
    ip: `10.0.0.${20 + (i % 200)}`,
    createdAt: row.enrolledAt,
  }));
  const samPhone = fleet.device(sam, "ios");
  events.push({
    userId: ctx.userId(sam),
    outcome: "failure",
    reasonCode: "os_too_old",
    message: "iOS 15.8 is older than the minimum version (16.0) allowed for enrollment. Update the device and try again.",
    platform: "ios",
    osVersion: "15.8",
    details: { ownership: "personal", model: "iPhone 8", minOsVersion: "16.0" },
    ip: "10.0.0.23",
    createdAt: new Date(samPhone.enrolledAt.getTime() - DAY),
  });
  await tx.insert(enrollmentEvents).values(events);
  await recordAudit(tx, {
    actor: SYSTEM,
    action: "demo.seeded",
    details: { kind: "enrollment", restrictions: 1, platforms: restrictionPlatforms.length, events: events.length, failures: 1 },
  });
}

type CommandSpec = {
  owner: string;
  platform: DeviceRow["platform"];
  kind: (typeof deviceCommands.$inferInsert)["kind"];
  by: string;
  origin: "self_service" | "help_desk";
  agoMs: number;
  status: "completed" | "failed" | "pending";
  payload?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: string;
  reason?: string;
};

const commands: CommandSpec[] = [
  { owner: "sam.taylor", platform: "ios", kind: "sync", by: "sam.taylor", origin: "self_service", agoMs: 2 * DAY, status: "completed", result: { checkedIn: true } },
  { owner: "sam.taylor", platform: "windows", kind: "rename", by: "sam.taylor", origin: "self_service", agoMs: 20 * DAY, status: "completed", payload: { name: "Sam's ThinkPad" }, result: { previousName: "DESKTOP-7QK2M9L" } },
  { owner: "amara.okafor", platform: "ios", kind: "lock", by: "helpdesk.emea", origin: "help_desk", agoMs: 20 * HOUR, status: "completed", reason: "User reported the phone lost on the train", payload: { lostMode: true, message: "This phone belongs to Amara Okafor at Contoso. Please call the number below.", phone: "+44 20 7946 0999" } },
  { owner: "maria.lopez", platform: "android", kind: "sync", by: "helpdesk.americas", origin: "help_desk", agoMs: 3 * DAY, status: "completed", reason: "Refreshing compliance status for the user's ticket", result: { checkedIn: true } },
  { owner: "aiko.tanaka", platform: "android", kind: "reset_passcode", by: "helpdesk.americas", origin: "help_desk", agoMs: 4 * DAY, status: "failed", reason: "User locked out after a trip", error: "Passcode reset is not available for a personally owned Android work profile." },
  { owner: "niamh.oconnor", platform: "windows", kind: "retire", by: "helpdesk.emea", origin: "help_desk", agoMs: 10 * DAY, status: "completed", reason: "Employee left the company; laptop returned to IT", result: { companyDataRemoved: true } },
  { owner: "priya.natarajan", platform: "macos", kind: "sync", by: "priya.natarajan", origin: "self_service", agoMs: 10 * MINUTE, status: "pending" },
];

async function seedCommands(ctx: SeedContext, fleet: Fleet) {
  const { tx, ago } = ctx;
  for (const spec of commands) {
    const device = fleet.device(`${spec.owner}@ward.example`, spec.platform);
    const requestedById = ctx.userId(`${spec.by}@ward.example`);
    const createdAt = ago(spec.agoMs);
    const done = spec.status !== "pending";
    const [row] = await tx
      .insert(deviceCommands)
      .values({
        deviceId: device.id,
        kind: spec.kind,
        payload: spec.payload ?? {},
        status: spec.status,
        result: spec.result ?? null,
        error: spec.error ?? null,
        requestedById,
        origin: spec.origin,
        reason: spec.reason ?? null,
        deliveryAttempts: done ? 1 : 0,
        createdAt,
        sentAt: done ? new Date(createdAt.getTime() + 2 * MINUTE) : null,
        finishedAt: done ? new Date(createdAt.getTime() + 3 * MINUTE) : null,
        expiresAt: new Date(createdAt.getTime() + 7 * DAY),
      })
      .returning({ id: deviceCommands.id });
    // The audit trail would have recorded each request when it was made; `at` is now because the chain is append-only.
    await recordAudit(tx, {
      actor: { kind: spec.origin === "help_desk" ? "staff" : "user", id: requestedById },
      action: "device.command_requested",
      target: { type: "device", id: device.id },
      subjectUserId: device.ownerId,
      details: { commandId: row!.id, kind: spec.kind, origin: spec.origin, ...(spec.reason ? { reason: spec.reason } : {}), seeded: true },
    });
  }
}
