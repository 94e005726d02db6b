import "server-only";
import { openDatabase, type Database } from "@/db/client";
import type { Db } from "@/db/types";
import { bootstrapDatabase } from "./bootstrap";
import { env } from "./env";

// Next bundles instrumentation and each route separately, so the process-wide database lives on
// globalThis: one PGlite instance (or one postgres.js pool) per process.
const holder = globalThis as unknown as { __wardDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  holder.__wardDatabase ??= (async () => {
    const { databaseUrl, dataDir } = env();
    const database = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir });
    closeOnExit(database);
    await bootstrapDatabase(database);
    return database;
  })();
  return holder.__wardDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

// PGlite must be closed cleanly or the next start runs crash recovery; the lock file goes with it.
function closeOnExit(database: Database) {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    database
      .close()
      .catch((error) => console.error("ward: error while closing the database", error))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}
