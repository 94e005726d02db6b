import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { migrationStatus } from "@/db/migrate";
import { roles } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { sql } from "drizzle-orm";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();

describe("database", () => {
  it("is fully migrated, with the built-in roles", async () => {
    const status = await migrationStatus(database.database);
    expect(status.current).toBe(true);
    expect(status.applied).toBe(status.expected);
    const builtIn = await database.db.select({ key: roles.builtInKey }).from(roles);
    expect(builtIn.map((r) => r.key).sort()).toEqual(["administrator", "help_desk_operator", "read_only_operator", "role_administrator"]);
  });

  it("has pg_trgm for fuzzy search", async () => {
    const [row] = await queryRows<{ similar: boolean }>(database.db, sql`select 'Sam Taylor' % 'Sam Tailor' as similar`);
    expect(row!.similar).toBe(true);
  });

  it("enforces one active wipe or retire per device in the schema", async () => {
    const rows = await queryRows<{ indexdef: string }>(
      database.db,
      sql`select indexdef from pg_indexes where indexname = 'device_commands_one_active_destructive_uq'`,
    );
    expect(rows[0]!.indexdef).toMatch(/UNIQUE INDEX .* WHERE/);
  });
});

describe("embedded database folder", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ward-lock-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("lets one process own it and refuses a second with a clear message", async () => {
    const first = await openDatabase({ dataDir });
    // A second process (the CLI, as a user would run it) must be refused, not corrupt the folder.
    const other = spawnSync(path.resolve("node_modules/.bin/tsx"), ["server/cli.ts", "migrate"], {
      encoding: "utf8",
      env: { ...process.env, WARD_DATA_DIR: dataDir, DATABASE_URL: "" },
    });
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/in use by another Ward process \(pid \d+\)/);
    await first.close();
    expect(fs.existsSync(path.join(dataDir, "ward.lock"))).toBe(false);
  });

  it("takes over a lock left by a process that died", async () => {
    fs.writeFileSync(path.join(dataDir, "ward.lock"), "999999");
    const reopened = await openDatabase({ dataDir });
    await reopened.close();
  });
});
