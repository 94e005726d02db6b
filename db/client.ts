import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import path from "node:path";
import postgres from "postgres";
import { acquireDataDirLock } from "./pglite-lock";
import * as schema from "./schema";
import type { Db } from "./types";

export type Database =
  | { driver: "pglite"; db: Db; client: PGlite; close(): Promise<void> }
  | { driver: "postgres"; db: Db; client: postgres.Sql; close(): Promise<void> };

export type DatabaseOptions =
  /** A real Postgres server. */
  | { url: string; maxConnections?: number }
  /** Embedded PGlite persisted in a folder this process owns (locked). */
  | { dataDir: string }
  /** Embedded PGlite in memory, optionally started from a dumped data folder (tests). */
  | { memory: true; loadDataDir?: Blob | File };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ("url" in options) {
    const client = postgres(options.url, { max: options.maxConnections ?? 10, onnotice: () => {} });
    const db = drizzlePostgres({ client, schema }) as unknown as Db;
    return { driver: "postgres", db, client, close: () => client.end({ timeout: 5 }) };
  }
  if ("dataDir" in options) {
    const dataDir = path.resolve(options.dataDir);
    const release = acquireDataDirLock(dataDir);
    try {
      const client = await PGlite.create(path.join(dataDir, "pglite"), { extensions: { pg_trgm } });
      const db = drizzlePglite({ client, schema }) as unknown as Db;
      return {
        driver: "pglite",
        db,
        client,
        close: async () => {
          try {
            await client.close();
          } finally {
            release();
          }
        },
      };
    } catch (error) {
      release();
      throw error;
    }
  }
  const client = await PGlite.create({ extensions: { pg_trgm }, loadDataDir: options.loadDataDir });
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return { driver: "pglite", db, client, close: () => client.close() };
}
