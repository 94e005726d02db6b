import { eq } from "drizzle-orm";
import { devices } from "@/db/schema";
import type { Db } from "@/db/types";
import type { DeviceInventoryInput } from "../devices/device-facts";
import { takeCommandsForDelivery, type DeliveredCommand } from "./command-delivery";
import { evaluateDeviceCompliance } from "./compliance";
import type { AuthenticatedDevice } from "./device-auth";
import { CHECK_IN_SECONDS } from "./enrollment";

export type CheckInAnswer = {
  commands: DeliveredCommand[];
  checkInSeconds: number;
  compliance: { state: string; graceDeadline: Date | null; rules: { kind: string; status: string; reportedValue: string | null; expected: string }[] };
};

/**
 * One check-in, in one transaction: save what the device reports, evaluate compliance on it, and
 * hand over the due commands. The device row is written first (lock order shared with the
 * compliance sweep, see server/services/compliance.ts).
 */
export async function checkIn(
  db: Db,
  device: AuthenticatedDevice,
  report: { inventory: DeviceInventoryInput; osVersion?: string },
  options: { passcodeKey: string; now?: Date },
): Promise<CheckInAnswer> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    // An empty inventory means "nothing new": the last full report stays.
    const inventory = Object.keys(report.inventory).length > 0 ? report.inventory : device.inventory;
    await tx
      .update(devices)
      .set({ inventory, osVersion: report.osVersion ?? device.osVersion, lastCheckInAt: now, updatedAt: now })
      .where(eq(devices.id, device.id));
    const compliance = await evaluateDeviceCompliance(tx, device.id, now);
    const commands = await takeCommandsForDelivery(tx, device.id, { now, passcodeKey: options.passcodeKey });
    return {
      commands,
      checkInSeconds: CHECK_IN_SECONDS,
      compliance: {
        state: compliance.state,
        graceDeadline: compliance.graceDeadline,
        rules: compliance.rules.map((rule) => ({ kind: rule.kind, status: rule.status, reportedValue: rule.reportedValue, expected: rule.expected })),
      },
    };
  });
}
