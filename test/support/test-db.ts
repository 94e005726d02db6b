import fs from "node:fs/promises";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { openDatabase, type Database } from "@/db/client";
import { withDatabase } from "./local-url";

export type TestDatabase = Database & { url: string | null };

let counter = 0;

/**
 * A fresh, migrated database for one test file: a copy of the run's template on Postgres when
 * TEST_DATABASE_URL is set, else an in-memory PGlite loaded from the migrated snapshot.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject("pgTemplate");
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (template && baseUrl) {
    const name = `ward_t_${inject("runId")}_${process.pid}_${counter++}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${name}" template "${template}"`);
    } finally {
      await admin.end();
    }
    const url = withDatabase(baseUrl, name);
    const database = await openDatabase({ url, maxConnections: 5 });
    return {
      ...database,
      url,
      close: async () => {
        await database.close();
        const cleanup = postgres(baseUrl, { max: 1, onnotice: () => {} });
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
        await cleanup.end();
      },
    } as TestDatabase;
  }
  const snapshot = inject("pgliteSnapshot");
  if (!snapshot) throw new Error("The database global setup did not run (see test/vitest.config.mts).");
  const blob = new Blob([await fs.readFile(snapshot)]);
  const database = await openDatabase({ memory: true, loadDataDir: blob });
  return { ...database, url: null } as TestDatabase;
}

/** An empty database name for a test that needs its own server (e.g. the app under test). */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  const template = inject("pgTemplate");
  if (!baseUrl || !template) return null;
  const name = `ward_app_${inject("runId")}_${process.pid}_${counter++}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${template}"`);
  await admin.end();
  return {
    url: withDatabase(baseUrl, name),
    drop: async () => {
      const cleanup = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

/** Registers this file's database: created before its tests, closed after them. */
export function useTestDatabase() {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  const current = () => {
    if (!database) throw new Error("the test database is only available inside tests");
    return database;
  };
  return {
    get db() {
      return current().db;
    },
    get database() {
      return current();
    },
  };
}
