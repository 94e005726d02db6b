import type { SQL } from "drizzle-orm";
import type { Db } from "./types";

/**
 * Raw SQL through either driver: postgres.js answers an array of rows, PGlite an object with
 * `rows`. Services use this for the few queries the query builder cannot express.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
