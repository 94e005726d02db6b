/**
 * The access status of DESIGN F8 for one user, overall and per device, with what to fix.
 *
 * Decisions:
 * - Only devices that are not retired or wiped count (pending retire / wipe still do).
 * - A device in grace whose deadline has passed counts as noncompliant even before the sweep
 *   has run, so the answer never depends on the scheduler's timing.
 * - A device in "unknown" (enrolled, not evaluated yet) does not block access: it has had no
 *   chance to comply, and its first check-in decides.
 */
import { and, asc, eq, notInArray } from "drizzle-orm";
import { devices } from "@/db/schema";
import type { Db } from "@/db/types";
import type { ComplianceState } from "../compliance/rules";
import { failingRulesOf, formatDeadline, type RuleOutcome } from "./compliance";

export type AccessStatus = "can_access" | "grace" | "cannot_access";

export type DeviceAccess = {
  deviceId: string;
  displayName: string;
  /** The state as of `now` (an overdue grace period already reads noncompliant). */
  state: ComplianceState;
  graceDeadline: Date | null;
  failing: Pick<RuleOutcome, "ruleId" | "kind" | "status" | "reportedValue" | "expected" | "remediation">[];
};

export type UserAccess = {
  status: AccessStatus;
  /** For "grace": the earliest deadline among the devices in grace. */
  until: Date | null;
  /** A sentence the portal can show as is. */
  message: string;
  devices: DeviceAccess[];
};

export async function accessStatusForUser(db: Db, userId: string, now: Date): Promise<UserAccess> {
  const rows = await db
    .select({
      deviceId: devices.id,
      displayName: devices.displayName,
      state: devices.complianceState,
      graceDeadline: devices.graceDeadline,
    })
    .from(devices)
    .where(and(eq(devices.ownerId, userId), notInArray(devices.managementState, ["retired", "wiped"])))
    .orderBy(asc(devices.displayName), asc(devices.id));

  const failing = await failingRulesOf(
    db,
    rows.filter((row) => row.state === "in_grace" || row.state === "noncompliant").map((row) => row.deviceId),
  );
  const list: DeviceAccess[] = rows.map((row) => {
    const overdue = row.state === "in_grace" && (!row.graceDeadline || row.graceDeadline.getTime() <= now.getTime());
    return {
      ...row,
      state: overdue ? "noncompliant" : row.state,
      graceDeadline: overdue ? null : row.graceDeadline,
      failing: failing.get(row.deviceId) ?? [],
    };
  });

  const blocked = list.filter((device) => device.state === "noncompliant");
  if (blocked.length > 0) {
    const names = blocked.map((device) => device.displayName).join(", ");
    return {
      status: "cannot_access",
      until: null,
      message: `Cannot access company resources: ${names} ${blocked.length === 1 ? "is" : "are"} not compliant.`,
      devices: list,
    };
  }
  const deadlines = list.flatMap((device) => (device.state === "in_grace" && device.graceDeadline ? [device.graceDeadline] : []));
  if (deadlines.length > 0) {
    const until = new Date(Math.min(...deadlines.map((deadline) => deadline.getTime())));
    return { status: "grace", until, message: `Out of compliance, can access until ${formatDeadline(until)}.`, devices: list };
  }
  return { status: "can_access", until: null, message: "You can access company resources.", devices: list };
}
