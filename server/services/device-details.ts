/**
 * One device as its owner sees it (DESIGN F5, F6, F8): inventory, compliance per rule with the
 * reported value and how to fix it, the device's access status, what can be done to it now and
 * why not, and the history of actions.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { complianceResults, compliancePolicies, complianceRules, deviceCommands } from "@/db/schema";
import type { Db } from "@/db/types";
import { expectedFor, remediationFor, type Remediation, type RuleKind, type RuleStatus } from "../compliance/rules";
import { capabilitiesFor } from "../devices/capabilities";
import { accessStatusForUser, type AccessStatus } from "./access-status";
import { ACTIVE_STATUSES, type CommandView } from "./command-effects";
import { findDevice, listCommands } from "./commands";
import { formatDeadline } from "./compliance";

export type RuleDetail = {
  ruleId: string;
  kind: RuleKind;
  /** What the rule is about, in words ("Passcode"). */
  label: string;
  policyName: string;
  status: RuleStatus;
  /** As stored ("14", "true"); null when the device did not report it. */
  reportedValue: string | null;
  /** The reported value in words ("Passcode set", "Not reported"). */
  reported: string;
  expected: string;
  /** Null for a passing rule: there is nothing to fix. */
  remediation: Remediation | null;
  evaluatedAt: Date;
};

export type DeviceAccessSummary = { status: AccessStatus; until: Date | null; message: string };
export type DeviceCommand = CommandView & { canCancel: boolean; cancelNote: string | null };

const RULE_LABELS: Record<RuleKind, string> = {
  os_min_version: "Minimum OS version",
  os_max_version: "Maximum OS version",
  passcode_required: "Passcode",
  not_jailbroken: "Jailbreak / root",
  encryption_required: "Encryption",
};

/** "true"/"false" facts read badly on a phone; each kind says what the value means. */
function reportedInWords(kind: RuleKind, value: string | null, platform: string): string {
  if (value === null) return "Not reported";
  const yes = value === "true";
  switch (kind) {
    case "passcode_required":
      return yes ? "Passcode set" : "No passcode";
    case "encryption_required":
      return yes ? "Encrypted" : "Not encrypted";
    case "not_jailbroken":
      if (platform === "android") return yes ? "Rooted" : "Not rooted";
      return yes ? "Jailbroken" : "Not jailbroken";
    default:
      return value;
  }
}

/**
 * Whether the owner can cancel a command from the portal, and why not. Mirrors cancelCommand so
 * the button is only offered when the server will accept it.
 */
function cancelState(command: CommandView, userId: string): { canCancel: boolean; cancelNote: string | null } {
  if (!ACTIVE_STATUSES.includes(command.status as (typeof ACTIVE_STATUSES)[number])) return { canCancel: false, cancelNote: null };
  if (command.origin !== "self_service" || command.requestedById !== userId) {
    return { canCancel: false, cancelNote: "IT requested this action; contact the help desk to stop it." };
  }
  if (command.kind === "wipe" && command.status === "sent") {
    return { canCancel: false, cancelNote: "The wipe has reached the device and can no longer be stopped." };
  }
  return { canCancel: true, cancelNote: null };
}

function accessSummary(state: string, graceDeadline: Date | null): DeviceAccessSummary {
  if (state === "noncompliant") {
    return { status: "cannot_access", until: null, message: "This device cannot access company resources until the problems below are fixed." };
  }
  if (state === "in_grace" && graceDeadline) {
    return {
      status: "grace",
      until: graceDeadline,
      message: `This device is out of compliance. It can access company resources until ${formatDeadline(graceDeadline)}; fix the problems below before then.`,
    };
  }
  if (state === "unknown") return { status: "can_access", until: null, message: "Compliance is checked at the device's next check-in. It can access company resources meanwhile." };
  return { status: "can_access", until: null, message: "This device can access company resources." };
}

export async function deviceDetails(db: Db, userId: string, deviceId: string, now: Date) {
  // Someone else's device (or a malformed id) is NOT_FOUND, as for every self-service call.
  const device = await findDevice(db, { kind: "owner", userId }, deviceId);

  const [ruleRows, active, commands, access] = await Promise.all([
    db
      .select({
        ruleId: complianceRules.id,
        kind: complianceRules.kind,
        value: complianceRules.value,
        adminRemediation: complianceRules.remediation,
        policyName: compliancePolicies.name,
        status: complianceResults.status,
        reportedValue: complianceResults.reportedValue,
        evaluatedAt: complianceResults.evaluatedAt,
      })
      .from(complianceResults)
      .innerJoin(complianceRules, eq(complianceRules.id, complianceResults.ruleId))
      .innerJoin(compliancePolicies, eq(compliancePolicies.id, complianceRules.policyId))
      .where(eq(complianceResults.deviceId, device.id))
      .orderBy(asc(complianceRules.kind), asc(complianceRules.id)),
    db
      .select({ kind: deviceCommands.kind, status: deviceCommands.status })
      .from(deviceCommands)
      .where(and(eq(deviceCommands.deviceId, device.id), inArray(deviceCommands.status, [...ACTIVE_STATUSES]))),
    // listCommands does not look at authTime: reading the history needs no recent sign-in.
    listCommands(db, { kind: "owner", userId, authTime: 0 }, device.id),
    accessStatusForUser(db, userId, now),
  ]);

  // Failing rules first: that is what the owner came to fix.
  const order: Record<RuleStatus, number> = { noncompliant: 0, unknown: 1, compliant: 2 };
  const compliance: RuleDetail[] = ruleRows
    .map((row) => ({
      ruleId: row.ruleId,
      kind: row.kind,
      label: RULE_LABELS[row.kind],
      policyName: row.policyName,
      status: row.status,
      reportedValue: row.reportedValue,
      reported: reportedInWords(row.kind, row.reportedValue, device.platform),
      expected: expectedFor(device.platform, row),
      remediation: row.status === "compliant" ? null : remediationFor(device.platform, { ...row, remediation: row.adminRemediation }),
      evaluatedAt: row.evaluatedAt,
    }))
    .sort((a, b) => order[a.status] - order[b.status]);

  // accessStatusForUser already reads an overdue grace period as noncompliant; retired and wiped devices are not in it.
  const mine = access.devices.find((d) => d.deviceId === device.id);
  const inventory = device.inventory ?? {};
  const fact = (value: unknown) => (typeof value === "boolean" ? value : null);
  const number = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);

  return {
    device: {
      id: device.id,
      displayName: device.displayName,
      platform: device.platform,
      osVersion: device.osVersion,
      model: device.model,
      manufacturer: device.manufacturer,
      serial: device.serial,
      imei: device.imei,
      ownership: device.ownership,
      managementState: device.managementState,
      complianceState: mine?.state ?? device.complianceState,
      graceDeadline: mine ? mine.graceDeadline : device.graceDeadline,
      lostModeMessage: device.lostModeMessage,
      lostModePhone: device.lostModePhone,
      enrolledAt: device.enrolledAt,
      lastCheckInAt: device.lastCheckInAt,
    },
    inventory: {
      passcodeSet: fact(inventory.passcodeSet),
      encrypted: fact(inventory.encrypted),
      jailbroken: fact(inventory.jailbroken),
      storageTotalGb: number(inventory.storageTotalGb),
      storageFreeGb: number(inventory.storageFreeGb),
      batteryLevel: number(inventory.batteryLevel),
    },
    compliance,
    access: mine ? accessSummary(mine.state, mine.graceDeadline) : null,
    capabilities: capabilitiesFor(device, active),
    commands: commands.map((command): DeviceCommand => ({ ...command, ...cancelState(command, userId) })),
  };
}

export type DeviceDetails = Awaited<ReturnType<typeof deviceDetails>>;
