import { sql, type SQL } from "drizzle-orm";
import { users } from "@/db/schema";
import { queryRows } from "@/db/rows";
import type { Db } from "@/db/types";
import type { Grant } from "../rbac/grants";
import { userScopeCondition } from "../rbac/scope";

export type UserHit = {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  status: "active" | "disabled" | "departed";
  department: string | null;
  /** What matched best: "email", "name", "phone", "serial" or "imei", and the matching value. */
  matched: { field: string; value: string };
  score: number;
};

export const MIN_QUERY_LENGTH = 2;
const PER_FIELD = 100;
// Fuzzy matches below this are noise; a higher bar also lets the trigram index skip more rows.
const FUZZY_THRESHOLD = 0.4;

type Row = Omit<UserHit, "matched"> & { field: string; value: string };

/** The shared tail: best match per user, the caller's scope in the same SQL, ranked and bounded. */
function ranked(candidates: SQL, inScope: SQL, limit: number): SQL {
  return sql`
    with candidates as (${candidates}),
    best as (select distinct on (user_id) user_id, field, value, score from candidates order by user_id, score desc)
    select u.id, u.name, u.email, u.phone, u.status, u.department, b.field, b.value, b.score::float8 as score
      from best b join ${users} u on u.id = b.user_id
     where ${inScope}
     order by b.score desc, u.name asc
     limit ${limit}`;
}

/**
 * One box for the help desk (F14): users by name, email, phone, or a device's serial or IMEI.
 * First exact, prefix and substring matches (served by the trigram GIN indexes with selective
 * trigrams); only when they find too few, fuzzy matches on names and serials for typos. The
 * caller's scope is applied in the same SQL, so out-of-scope users are never read.
 */
export async function searchUsers(db: Db, grants: Grant[], rawQuery: string, requested = 20): Promise<UserHit[]> {
  const q = rawQuery.trim().toLowerCase().slice(0, 100);
  if (q.length < MIN_QUERY_LENGTH || grants.length === 0) return [];
  const limit = Math.min(Math.max(requested, 1), 50);
  const prefix = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const contains = `%${prefix}`;
  const digits = q.replace(/\D/g, "");
  const inScope = userScopeCondition(db, grants, sql`u.id`);

  const direct = sql`
      (select u.id as user_id, 'email' as field, u.email as value, case when lower(u.email) = ${q} then 1.0 else 0.9 end as score
         from ${users} u where lower(u.email) = ${q} or lower(u.email) like ${prefix} limit ${PER_FIELD})
      union all
      (select u.id, 'name', u.name, case when lower(u.name) like ${prefix} then 0.9 else 0.8 end as score
         from ${users} u where lower(u.name) like ${contains} limit ${PER_FIELD})
      union all
      (select u.id, 'phone', u.phone, 0.85 from ${users} u
        where ${digits.length >= 4} and u.phone_digits like ${`%${digits}%`} limit ${PER_FIELD})
      union all
      (select d.owner_id, 'serial', d.serial, case when lower(d.serial) = ${q} then 1.0 else 0.95 end
         from devices d where lower(d.serial) like ${prefix} limit ${PER_FIELD})
      union all
      (select d.owner_id, 'imei', d.imei, case when d.imei = ${q} then 1.0 else 0.95 end
         from devices d where ${digits.length >= 4} and d.imei like ${`${digits}%`} limit ${PER_FIELD})`;
  let rows = await queryRows<Row>(db, ranked(direct, inScope, limit));

  // Typos are fixed for names and serials; an e-mail or a number either matches or does not.
  const nameLike = !q.includes("@") && digits.length < q.length / 2;
  if (rows.length < limit && q.length >= 3 && nameLike) {
    const fuzzy = await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`);
      const candidates = sql`
        (select u.id as user_id, 'name' as field, u.name as value, similarity(lower(u.name), ${q}) * 0.8 as score
           from ${users} u where lower(u.name) % ${q} order by score desc limit ${PER_FIELD})
        union all
        (select d.owner_id, 'serial', d.serial, similarity(lower(d.serial), ${q}) * 0.8
           from devices d where lower(d.serial) % ${q} order by 4 desc limit ${PER_FIELD})`;
      return queryRows<Row>(tx as unknown as Db, ranked(candidates, inScope, limit));
    });
    const seen = new Set(rows.map((row) => row.id));
    rows = [...rows, ...fuzzy.filter((row) => !seen.has(row.id))].slice(0, limit);
  }
  return rows.map(({ field, value, score, ...user }) => ({ ...user, matched: { field, value }, score: Number(score) }));
}
