import "server-only";
import { openDatabase, type Database } from "@/db/client";
import type { Db } from "@/db/types";
import { bootstrapDatabase } from "./bootstrap";
import { wakeOnNotifications } from "./jobs/outbox-wake";
import { startScheduler } from "./jobs/scheduler";
import { env } from "./env";

// Next bundles instrumentation and each route separately, so the process-wide database lives on
// globalThis: one PGlite instance (or one postgres.js pool) per process.
const holder = globalThis as unknown as { __wardDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  holder.__wardDatabase ??= (async () => {
    const { databaseUrl, dataDir } = env();
    const database = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir });
    await bootstrapDatabase(database);
    // Grace deadlines and command expiry run in every instance; the tasks' advisory locks make one do the work.
    const scheduler = startScheduler({ getDb: async () => database.db });
    const stopWaking = await wakeOnNotifications(database, () => scheduler.runSoon("deliver-outbox"));
    closeOnExit(database, async () => {
      await stopWaking().catch(() => undefined);
      await scheduler.stop();
    });
    return database;
  })();
  return holder.__wardDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

// PGlite must be closed cleanly or the next start runs crash recovery; the lock file goes with it.
// `next start` has its own SIGINT/SIGTERM handler that calls process.exit as soon as HTTP is
// drained, which would cut an async close short: while closing, that exit is held until the
// database is closed.
function closeOnExit(database: Database, stopScheduler: () => Promise<void>) {
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= stopScheduler()
      .then(() => database.close())
      .catch((error) => console.error("ward: error while closing the database", error)));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.prependOnceListener(signal, () => {
      const exit = process.exit.bind(process);
      process.exit = ((code?: number) => void close().finally(() => exit(code))) as typeof process.exit;
      void close().finally(() => {
        // Outside Next (no other handler) nobody else will exit.
        if (process.listenerCount(signal) === 0) exit(signal === "SIGINT" ? 130 : 143);
      });
    });
  }
}
