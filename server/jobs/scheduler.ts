/**
 * Periodic background tasks (grace sweep, command expiry) that every app instance runs, with
 * each task done by one instance at a time: a task runs inside a transaction that first takes
 * pg_try_advisory_xact_lock(<task key>); an instance that does not get it skips that round. The
 * lock goes with the transaction, so a crashed instance cannot leave it held. The task gets that
 * transaction as its database handle: its own db.transaction calls become savepoints, which also
 * keeps PGlite (one connection) from waiting on itself.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import type { Db } from "@/db/types";
import { expireCommands } from "../services/command-delivery";
import { sweepCompliance } from "./compliance-sweep";
import { deliverOutbox } from "./deliver-outbox";

/** A task does its work as of `now` and answers how many things it changed. */
export type TaskFn = (db: Db, now: Date) => Promise<number>;
/**
 * A bare function is keyed by its name; give bundled code an explicit name, since a minifier may
 * rename functions (tasks sharing a key would only be serialized, never run twice at once).
 */
export type ScheduledTask = TaskFn | { name: string; run: TaskFn };

export const defaultTasks: ScheduledTask[] = [
  { name: "compliance-sweep", run: sweepCompliance },
  { name: "expire-commands", run: expireCommands },
  // E-mail and web push queued by notify(); `(db, now)` so the defaults come from the environment.
  { name: "deliver-outbox", run: (db, now) => deliverOutbox(db, now) },
];

export type SchedulerOptions = {
  getDb: () => Promise<Db>;
  /** Time between the end of one round and the start of the next; default 60 s. */
  intervalMs?: number;
  tasks?: ScheduledTask[];
  now?: () => Date;
  logger?: Pick<Console, "error" | "info">;
};

// "WARD" as the first advisory key: the two-int form is its own key space, apart from the
// single-bigint audit chain lock.
const LOCK_NAMESPACE = 0x5741_5244;

const taskName = (task: ScheduledTask, index: number) => (typeof task === "function" ? task.name || `task-${index}` : task.name);
const taskRun = (task: ScheduledTask): TaskFn => (typeof task === "function" ? task : task.run);

/** A stable 32-bit key per task name, the same in every instance. */
export function taskLockKey(name: string): number {
  return createHash("sha256").update(name).digest().readInt32BE(0);
}

/** Runs one task under its lock: its result, or null when another instance holds the lock. */
export async function runTask(db: Db, task: ScheduledTask, now: Date, index = 0): Promise<number | null> {
  const key = taskLockKey(taskName(task, index));
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${LOCK_NAMESPACE}::int, ${key}::int) as locked`);
    if (!row?.locked) return null;
    return taskRun(task)(tx, now);
  });
}

export type Scheduler = {
  /** Stops the timers; resolves once the round in progress (if any) has finished. */
  stop(): Promise<void>;
  /**
   * Runs one task again soon (within ~50 ms) instead of at the next interval: e.g. delivery as
   * soon as a notification is committed. Calls that arrive close together share one run.
   */
  runSoon(name: string): void;
};

/**
 * Starts running the tasks now and then every interval. Rounds never overlap within an instance:
 * periodic rounds and runSoon's short rounds queue on one chain. A failing task is logged and the
 * others still run.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { getDb, intervalMs = 60_000, tasks = defaultTasks, now = () => new Date(), logger = console } = options;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let soonTimer: ReturnType<typeof setTimeout> | undefined;
  const soon = new Set<string>();
  let chain: Promise<void> = Promise.resolve();

  const runRound = async (only?: Set<string>) => {
    let db: Db;
    try {
      db = await getDb();
    } catch (error) {
      logger.error("ward: scheduler could not open the database", error);
      return;
    }
    for (const [index, task] of tasks.entries()) {
      if (stopped) return;
      const name = taskName(task, index);
      if (only && !only.has(name)) continue;
      try {
        const changed = await runTask(db, task, now(), index);
        if (changed) logger.info(`ward: scheduled task ${name} changed ${changed} record(s)`);
      } catch (error) {
        logger.error(`ward: scheduled task ${name} failed`, error);
      }
    }
  };
  const enqueue = (only?: Set<string>) => (chain = chain.then(() => runRound(only)));

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => void enqueue().finally(() => schedule(intervalMs)), delay);
    // Background work must not keep a process alive that is otherwise done.
    timer.unref?.();
  };
  schedule(0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(soonTimer);
      await chain;
    },
    runSoon(name) {
      if (stopped) return;
      soon.add(name);
      if (soonTimer) return;
      soonTimer = setTimeout(() => {
        soonTimer = undefined;
        const only = new Set(soon);
        soon.clear();
        void enqueue(only);
      }, 50);
      soonTimer.unref?.();
    },
  };
}
