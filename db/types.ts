import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

/** One type for both drivers (PGlite and postgres.js) so services and tRPC infer the same shapes. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction handle; functions that must run inside the caller's transaction take this type. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
