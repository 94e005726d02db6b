import fs from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/db/client";
import { bootstrapDatabase } from "@/server/bootstrap";
import { assertLocalDatabaseUrl, withDatabase } from "./local-url";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string | null;
    pgliteSnapshot: string | null;
    runId: string;
  }
}

/**
 * Migrates once per run: into a template database on Postgres (TEST_DATABASE_URL), or into a
 * PGlite data-folder snapshot. Each test file then starts from a copy in well under a second.
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  project.provide("runId", runId);
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    assertLocalDatabaseUrl(url);
    const template = `ward_tpl_${runId}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${template}"`);
    const database = await openDatabase({ url: withDatabase(url, template), maxConnections: 1 });
    await bootstrapDatabase(database);
    await database.close();
    project.provide("pgTemplate", template);
    project.provide("pgliteSnapshot", null);
    return async () => {
      const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`ward_%_${runId}%`}`;
      for (const { datname } of leftovers) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ memory: true });
  await bootstrapDatabase(database);
  if (database.driver !== "pglite") throw new Error("expected PGlite");
  const dump = await database.client.dumpDataDir("gzip");
  await database.close();
  const file = path.resolve(".test-data", `pglite-${runId}.tar.gz`);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgTemplate", null);
  project.provide("pgliteSnapshot", file);
  return async () => {
    await fs.rm(file, { force: true });
  };
}
