import { and, asc, eq, lte, notInArray } from "drizzle-orm";
import { devices } from "@/db/schema";
import type { Db } from "@/db/types";
import { applyComplianceChange, failingRulesOf } from "../services/compliance";

// Bounded batches keep each transaction (and the audit chain lock it takes) short.
const BATCH = 200;

/**
 * Moves devices whose grace deadline has passed to noncompliant, even if they never check in
 * again. Safe to run from several app instances at once: due rows are taken FOR UPDATE SKIP
 * LOCKED, so two sweeps split the work and the state filter makes a device already moved
 * invisible to the other; on PGlite transactions are serialized, which gives the same result.
 * Returns how many devices it moved.
 */
export async function sweepCompliance(db: Db, now: Date): Promise<number> {
  let moved = 0;
  for (;;) {
    const count = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: devices.id, ownerId: devices.ownerId, displayName: devices.displayName })
        .from(devices)
        .where(
          and(
            eq(devices.complianceState, "in_grace"),
            lte(devices.graceDeadline, now),
            // A retired or wiped device holds no company data any more: nothing to warn about.
            notInArray(devices.managementState, ["retired", "wiped"]),
          ),
        )
        .orderBy(asc(devices.graceDeadline))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      const failing = await failingRulesOf(
        tx,
        due.map((device) => device.id),
      );
      for (const device of due) {
        await applyComplianceChange(tx, device, "in_grace", { state: "noncompliant", graceDeadline: null }, failing.get(device.id) ?? [], now);
      }
      return due.length;
    });
    moved += count;
    // A short batch means nothing is left that this instance may take (the rest is locked elsewhere).
    if (count < BATCH) return moved;
  }
}
