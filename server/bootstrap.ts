import type { Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { syncBuiltInRoles } from "./rbac/built-in-roles";

/** What every process does to a database before serving from it: migrate, then sync built-in data. */
export async function bootstrapDatabase(database: Database): Promise<void> {
  await migrateDatabase(database);
  await syncBuiltInRoles(database.db);
}
