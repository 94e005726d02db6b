import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { roles } from "@/db/schema";
import { startApp } from "../support/app-server";

describe("shutting the server down", () => {
  let dataDir: string | null = null;
  afterAll(() => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("closes the database on SIGTERM and releases the embedded folder", async () => {
    const app = await startApp({ seed: false, keepDataDir: true });
    dataDir = app.dataDir;
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    if (dataDir) expect(fs.existsSync(path.join(dataDir, "ward.lock"))).toBe(true);
    await app.stop();
    expect(app.exitCode()).toBe(143);
    if (!dataDir) return; // On Postgres there is no folder to release.
    expect(fs.existsSync(path.join(dataDir, "ward.lock"))).toBe(false);
    // The folder opens again at once and still holds the migrated schema.
    const reopened = await openDatabase({ dataDir });
    expect(await reopened.db.$count(roles)).toBe(4);
    await reopened.close();
  });
});
