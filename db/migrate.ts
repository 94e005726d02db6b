import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { sql } from "drizzle-orm";
import path from "node:path";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Database } from "./client";
import { queryRows } from "./rows";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** The one migrate step: start-up, tests and deploys (`npm run db:migrate`) all call this. */
export async function migrateDatabase(database: Database, folder = migrationsFolder): Promise<void> {
  if (database.driver === "pglite") {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  } else {
    await migratePostgres(database.db as unknown as PostgresJsDatabase, { migrationsFolder: folder });
  }
}

export type MigrationStatus = { applied: number; expected: number; current: boolean; latest: string | null };

/** Compares the migrations recorded in the database with the ones shipped in the folder. */
export async function migrationStatus(database: Database, folder = migrationsFolder): Promise<MigrationStatus> {
  const shipped = readMigrationFiles({ migrationsFolder: folder });
  let appliedHashes: string[] = [];
  try {
    const rows = await queryRows<{ hash: string }>(database.db, sql`select hash from drizzle.__drizzle_migrations`);
    appliedHashes = rows.map((row) => row.hash);
  } catch {
    appliedHashes = [];
  }
  const applied = new Set(appliedHashes);
  const missing = shipped.filter((migration) => !applied.has(migration.hash));
  return {
    applied: appliedHashes.length,
    expected: shipped.length,
    current: missing.length === 0,
    latest: shipped.at(-1)?.hash.slice(0, 12) ?? null,
  };
}
