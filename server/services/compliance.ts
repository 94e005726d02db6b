/**
 * Compliance (DESIGN F8, section 3): evaluates a device against the enabled policies of its
 * platform, stores one result per rule, and moves the device through
 * unknown -> compliant | in_grace (deadline) -> noncompliant, with a notification and an audit
 * event in the caller's transaction on every state change.
 *
 * Decisions:
 * - No enabled policy (or no rule) for the platform means compliant: there is nothing to fail.
 * - A rule the device did not report ("unknown") does not pass silently: it counts as failing for
 *   the grace period and is shown as "not reported", so an agent cannot dodge a rule by omitting
 *   a fact.
 * - The grace period is the shortest among the policies with a failing rule; 0 hours means
 *   noncompliant at once. A running deadline is never extended by later check-ins.
 * - Back to compliant is audited but not notified (the notification kinds cover bad news only).
 */
import { and, asc, eq, inArray, ne, notInArray, sql } from "drizzle-orm";
import { complianceResults, compliancePolicies, complianceRules, devices } from "@/db/schema";
import type { Db, Tx } from "@/db/types";
import { recordAudit } from "../audit/record";
import {
  describeFailure,
  evaluateRule,
  expectedFor,
  nextComplianceState,
  remediationFor,
  type ComplianceState,
  type ComplianceTransition,
  type Platform,
  type Remediation,
  type RuleKind,
  type RuleStatus,
} from "../compliance/rules";
import { AppError } from "../errors";
import { notify } from "./notifications";

export type RuleOutcome = {
  ruleId: string;
  kind: RuleKind;
  status: RuleStatus;
  reportedValue: string | null;
  expected: string;
  /** Null for a passing rule: there is nothing to fix. */
  remediation: Remediation | null;
};

export type DeviceCompliance = {
  state: ComplianceState;
  graceDeadline: Date | null;
  /** True when this evaluation changed the device's state. */
  changed: boolean;
  rules: RuleOutcome[];
};

type DeviceRef = { id: string; ownerId: string; displayName: string };

const SYSTEM = { kind: "system", label: "compliance" } as const;

/** Notifications are plain text read in any timezone, so the deadline is spelled out in UTC. */
export function formatDeadline(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * Evaluates one device now, in the caller's transaction (the check-in calls it after saving the
 * inventory). The device row is locked first, so a concurrent sweep or check-in of the same
 * device waits and then sees this outcome instead of racing it.
 */
export async function evaluateDeviceCompliance(tx: Tx, deviceId: string, now: Date): Promise<DeviceCompliance> {
  const [device] = await tx
    .select({
      id: devices.id,
      ownerId: devices.ownerId,
      displayName: devices.displayName,
      platform: devices.platform,
      osVersion: devices.osVersion,
      inventory: devices.inventory,
      complianceState: devices.complianceState,
      graceDeadline: devices.graceDeadline,
    })
    .from(devices)
    .where(eq(devices.id, deviceId))
    .for("update");
  if (!device) throw new AppError("NOT_FOUND", "This device does not exist.");

  const rules = await tx
    .select({
      id: complianceRules.id,
      kind: complianceRules.kind,
      value: complianceRules.value,
      remediation: complianceRules.remediation,
      graceHours: compliancePolicies.gracePeriodHours,
    })
    .from(complianceRules)
    .innerJoin(compliancePolicies, eq(compliancePolicies.id, complianceRules.policyId))
    .where(and(eq(compliancePolicies.platform, device.platform), eq(compliancePolicies.enabled, true)))
    .orderBy(asc(complianceRules.kind), asc(complianceRules.id));

  const evaluated = rules.map((rule) => {
    const result = evaluateRule(device.platform, rule, device);
    const remediation = result.status === "compliant" ? null : remediationFor(device.platform, rule);
    return { rule, outcome: { ruleId: rule.id, kind: rule.kind, ...result, remediation } satisfies RuleOutcome };
  });

  if (evaluated.length > 0) {
    await tx
      .insert(complianceResults)
      .values(evaluated.map(({ outcome }) => ({ deviceId, ruleId: outcome.ruleId, status: outcome.status, reportedValue: outcome.reportedValue, evaluatedAt: now })))
      .onConflictDoUpdate({
        target: [complianceResults.deviceId, complianceResults.ruleId],
        set: { status: sql`excluded.status`, reportedValue: sql`excluded.reported_value`, evaluatedAt: sql`excluded.evaluated_at` },
      });
  }
  // Results of rules that were deleted, or whose policy was disabled, no longer describe the device.
  const ruleIds = evaluated.map(({ outcome }) => outcome.ruleId);
  await tx
    .delete(complianceResults)
    .where(and(eq(complianceResults.deviceId, deviceId), ruleIds.length > 0 ? notInArray(complianceResults.ruleId, ruleIds) : undefined));

  const failing = evaluated.filter(({ outcome }) => outcome.status !== "compliant");
  const graceHours = failing.length > 0 ? Math.min(...failing.map(({ rule }) => rule.graceHours)) : null;
  const next = nextComplianceState({ state: device.complianceState, graceDeadline: device.graceDeadline }, graceHours, now);
  const changed = next.state !== device.complianceState;
  if (changed) {
    await applyComplianceChange(tx, device, device.complianceState, next, failing.map(({ outcome }) => outcome), now);
  } else if (next.graceDeadline?.getTime() !== device.graceDeadline?.getTime()) {
    await tx.update(devices).set({ graceDeadline: next.graceDeadline }).where(eq(devices.id, deviceId));
  }
  return { ...next, changed, rules: evaluated.map(({ outcome }) => outcome) };
}

/**
 * Writes a state change: the device row (complianceSince moves only here), the owner's
 * notification when access is at risk or lost, and the system audit event. Shared by the
 * check-in evaluation and the grace sweep so both say the same thing.
 */
export async function applyComplianceChange(
  tx: Tx,
  device: DeviceRef,
  from: ComplianceState,
  to: ComplianceTransition,
  failing: Pick<RuleOutcome, "kind" | "reportedValue" | "expected">[],
  now: Date,
): Promise<void> {
  await tx
    .update(devices)
    .set({ complianceState: to.state, complianceSince: now, graceDeadline: to.graceDeadline, updatedAt: now })
    .where(eq(devices.id, device.id));

  // Rules may have been removed since the device was last evaluated; the sentence must still read.
  const reasons = failing.length > 0 ? failing.map(describeFailure).join("; ") : "see the device page for details";
  if (to.state === "in_grace" || to.state === "noncompliant") {
    const inGrace = to.state === "in_grace" && to.graceDeadline;
    await notify(tx, device.ownerId, {
      kind: "device_noncompliant",
      title: inGrace ? `${device.displayName} is out of compliance` : `${device.displayName} cannot access company resources`,
      body: inGrace
        ? `Fix it by ${formatDeadline(to.graceDeadline!)} to keep access: ${reasons}.`
        : `It does not meet your organization's requirements: ${reasons}. Open the device to see how to fix it.`,
      link: `/devices/${device.id}`,
      data: { deviceId: device.id, state: to.state, graceDeadline: to.graceDeadline?.toISOString() ?? null, failing: failing.map((f) => f.kind) },
    });
  }
  await recordAudit(tx, {
    actor: SYSTEM,
    action: "device.compliance_changed",
    target: { type: "device", id: device.id },
    subjectUserId: device.ownerId,
    details: { from, to: to.state, graceDeadline: to.graceDeadline?.toISOString() ?? null, failing: failing.map((f) => f.kind) },
  });
}

/**
 * The stored failing (or unreported) rules of some devices, with the expected value and the
 * remediation worked out from the rule as it is now. Keyed by device id.
 */
export async function failingRulesOf(db: Db | Tx, deviceIds: string[]): Promise<Map<string, RuleOutcome[]>> {
  const byDevice = new Map<string, RuleOutcome[]>();
  if (deviceIds.length === 0) return byDevice;
  const rows = await db
    .select({
      deviceId: complianceResults.deviceId,
      platform: devices.platform,
      ruleId: complianceRules.id,
      kind: complianceRules.kind,
      value: complianceRules.value,
      remediation: complianceRules.remediation,
      status: complianceResults.status,
      reportedValue: complianceResults.reportedValue,
    })
    .from(complianceResults)
    .innerJoin(complianceRules, eq(complianceRules.id, complianceResults.ruleId))
    .innerJoin(devices, eq(devices.id, complianceResults.deviceId))
    .where(and(inArray(complianceResults.deviceId, deviceIds), ne(complianceResults.status, "compliant")))
    .orderBy(asc(complianceRules.kind), asc(complianceRules.id));
  for (const row of rows) {
    const platform: Platform = row.platform;
    const list = byDevice.get(row.deviceId) ?? [];
    list.push({
      ruleId: row.ruleId,
      kind: row.kind,
      status: row.status,
      reportedValue: row.reportedValue,
      expected: expectedFor(platform, row),
      remediation: remediationFor(platform, row),
    });
    byDevice.set(row.deviceId, list);
  }
  return byDevice;
}
