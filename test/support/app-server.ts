import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { seedDemo } from "@/db/seed/demo";
import type { Db } from "@/db/types";
import { bootstrapDatabase } from "@/server/bootstrap";
import { createEmptyPostgresDatabase } from "./test-db";

const root = path.resolve(import.meta.dirname, "../..");

export type AppServer = {
  url: string;
  port: number;
  /** The embedded database folder, or null on Postgres. */
  dataDir: string | null;
  /** Exit code once stopped. */
  exitCode(): number | null;
  logs(): string;
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the production build with `next start` on its own database: a fresh Postgres database
 * when TEST_DATABASE_URL is set, else its own PGlite data folder. Prepared (migrated, seeded)
 * the way `npm start` does, before the server opens it.
 */
export async function startApp(
  options: {
    seed?: boolean;
    port?: number;
    env?: Record<string, string>;
    keepDataDir?: boolean;
    /** Extra setup on the database before the server opens it (the embedded one is single-process). */
    prepare?: (db: Db) => Promise<void>;
  } = {},
): Promise<AppServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const postgresDb = await createEmptyPostgresDatabase();
  const dataDir = path.join(root, ".test-data", `app-${port}-${Date.now()}`);
  const database = await openDatabase(postgresDb ? { url: postgresDb.url } : { dataDir });
  await bootstrapDatabase(database);
  if (options.seed ?? true) await seedDemo(database.db);
  await options.prepare?.(database.db);
  await database.close();

  let output = "";
  const child: ChildProcess = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      NEXTAUTH_URL: url,
      WARD_DATA_DIR: dataDir,
      WARD_DEMO: "true",
      DATABASE_URL: postgresDb?.url ?? "",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await postgresDb?.drop();
    if (!options.keepDataDir) await fs.rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not become healthy within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, dataDir: postgresDb ? null : dataDir, exitCode: () => child.exitCode, logs: () => output, stop };
}
