import { migrationStatus, type MigrationStatus } from "@/db/migrate";
import { getDatabase } from "../db";

export type Health =
  | { status: "ok" | "degraded"; database: { driver: string; reachable: true; latencyMs: number }; migrations: MigrationStatus }
  | { status: "error"; database: { reachable: false } };

/** Liveness and readiness: the database answers and its migrations are current. */
export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  try {
    const database = await getDatabase();
    const migrations = await migrationStatus(database);
    return {
      status: migrations.current ? "ok" : "degraded",
      database: { driver: database.driver, reachable: true, latencyMs: Math.round(performance.now() - started) },
      migrations,
    };
  } catch (error) {
    console.error("health check failed:", error instanceof Error ? error.message : error);
    return { status: "error", database: { reachable: false } };
  }
}
