import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { auditEvents, compliancePolicies, complianceRules, devices, notifications } from "@/db/schema";
import type { Db } from "@/db/types";
import { sweepCompliance } from "@/server/jobs/compliance-sweep";
import { defaultTasks, runTask, startScheduler, taskLockKey } from "@/server/jobs/scheduler";
import { evaluateDeviceCompliance } from "@/server/services/compliance";
import { makeDevice, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();
const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quietLogger = () => ({ info: vi.fn(), error: vi.fn() });

/** Devices of one user, each put in grace at t0 by a 1-hour Android policy. */
async function devicesInGrace(count: number, t0: Date) {
  const db = database.db;
  await db.delete(compliancePolicies).where(eq(compliancePolicies.platform, "android"));
  const [policy] = await db.insert(compliancePolicies).values({ name: `android ${crypto.randomUUID()}`, platform: "android", gracePeriodHours: 1 }).returning();
  await db.insert(complianceRules).values({ policyId: policy!.id, kind: "os_min_version", value: "13" });
  const user = await makeUser(db);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const device = await makeDevice(db, user.id, { osVersion: "12" });
    await db.transaction((tx) => evaluateDeviceCompliance(tx, device.id, t0));
    ids.push(device.id);
  }
  return { user, ids };
}

const noncompliantNotes = (userId: string) =>
  database.db.select().from(notifications).where(and(eq(notifications.userId, userId), sql`${notifications.title} like '%cannot access%'`));

describe("sweepCompliance across instances", () => {
  it("moves each overdue device exactly once when two sweeps run at the same time", async () => {
    const t0 = new Date("2025-06-01T00:00:00Z");
    const { user, ids } = await devicesInGrace(12, t0);
    const later = new Date(t0.getTime() + 2 * HOUR);
    const counts = await Promise.all([sweepCompliance(database.db, later), sweepCompliance(database.db, later)]);
    expect(counts[0] + counts[1]).toBe(12);
    const states = await database.db.select({ state: devices.complianceState }).from(devices).where(inArray(devices.id, ids));
    expect(states.every((row) => row.state === "noncompliant")).toBe(true);
    expect(await noncompliantNotes(user.id)).toHaveLength(12);
    const audits = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "device.compliance_changed"), inArray(auditEvents.targetId, ids), sql`${auditEvents.details}->>'to' = 'noncompliant'`));
    expect(audits).toHaveLength(12);
    expect(await sweepCompliance(database.db, later)).toBe(0);
  });
});

describe("runTask", () => {
  it("skips a task whose lock another instance holds (on PGlite the run waits its turn)", async () => {
    const task = { name: "test-locked", run: vi.fn(async () => 1) };
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${0x5741_5244}::int, ${taskLockKey("test-locked")}::int)`);
      locked();
      // PGlite has one connection: holding the lock open must not wait on the other run.
      await (database.database.driver === "postgres" ? new Promise<void>((resolve) => (release = resolve)) : sleep(100));
    });
    await isLocked;
    const result = await runTask(database.db, task, new Date());
    if (database.database.driver === "postgres") {
      expect(result).toBeNull();
      expect(task.run).not.toHaveBeenCalled();
      release();
    } else {
      expect(result).toBe(1);
    }
    await holder;
    expect(await runTask(database.db, task, new Date())).toBe(1);
  });
});

describe("startScheduler", () => {
  it("never runs a task in two instances at once", async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const task = {
      name: "test-exclusive",
      run: async (db: Db) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await db.execute(sql`select 1`);
        await sleep(50);
        running--;
        runs++;
        return 0;
      },
    };
    const options = { getDb: async () => database.db, intervalMs: 10, tasks: [task], logger: quietLogger() };
    const stops = [startScheduler(options), startScheduler(options)];
    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(4), { timeout: 5_000 });
    await Promise.all(stops.map((scheduler) => scheduler.stop()));
    expect(maxRunning).toBe(1);
    expect(options.logger.error).not.toHaveBeenCalled();
  });

  it("logs a failing task, keeps running the others, and survives a database that will not open", async () => {
    const logger = quietLogger();
    const after = vi.fn(async () => 0);
    const scheduler = startScheduler({
      getDb: async () => database.db,
      intervalMs: 10,
      tasks: [
        async function failingTask() {
          throw new Error("boom");
        },
        after,
      ],
      logger,
    });
    await vi.waitFor(() => expect(after.mock.calls.length).toBeGreaterThanOrEqual(2), { timeout: 5_000 });
    await scheduler.stop();
    expect(logger.error).toHaveBeenCalledWith("ward: scheduled task failingTask failed", expect.any(Error));

    const broken = quietLogger();
    const brokenScheduler = startScheduler({ getDb: () => Promise.reject(new Error("no database")), intervalMs: 10, logger: broken });
    await vi.waitFor(() => expect(broken.error).toHaveBeenCalledWith("ward: scheduler could not open the database", expect.any(Error)));
    await brokenScheduler.stop();
  });

  it("runs the compliance sweep from the default tasks and stops cleanly", async () => {
    const t0 = new Date("2025-07-01T00:00:00Z");
    const { user, ids } = await devicesInGrace(2, t0);
    const logger = quietLogger();
    const scheduler = startScheduler({ getDb: async () => database.db, intervalMs: 60_000, tasks: defaultTasks, now: () => new Date(t0.getTime() + 2 * HOUR), logger });
    await vi.waitFor(async () => expect(await noncompliantNotes(user.id)).toHaveLength(2), { timeout: 5_000 });
    await scheduler.stop();
    const states = await database.db.select({ state: devices.complianceState }).from(devices).where(inArray(devices.id, ids));
    expect(states.map((row) => row.state)).toEqual(["noncompliant", "noncompliant"]);
    expect(logger.info).toHaveBeenCalledWith("ward: scheduled task compliance-sweep changed 2 record(s)");
    expect(logger.error).not.toHaveBeenCalled();
  });

  it("runs a task soon on request, between intervals, once for calls close together", async () => {
    const runs: string[] = [];
    const task = (name: string) => ({ name, run: async () => (runs.push(name), 0) });
    const scheduler = startScheduler({ getDb: async () => database.db, intervalMs: 60_000, tasks: [task("slow-one"), task("wake-me")], logger: quietLogger() });
    await vi.waitFor(() => expect(runs).toEqual(["slow-one", "wake-me"]));
    scheduler.runSoon("wake-me");
    scheduler.runSoon("wake-me");
    await vi.waitFor(() => expect(runs).toHaveLength(3), { timeout: 2_000 });
    await sleep(200);
    // Only the task asked for, and only once; the other waits for its interval.
    expect(runs).toEqual(["slow-one", "wake-me", "wake-me"]);
    await scheduler.stop();
    scheduler.runSoon("wake-me");
    await sleep(100);
    expect(runs).toHaveLength(3);
  });
});
