import { sql } from "drizzle-orm";
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

/**
 * One box for the help desk (F14): users by name, email, phone, or a device's serial or IMEI.
 * Prefix matches rank first, then trigram similarity; every branch is served by the trigram GIN
 * indexes and capped, and the caller's scope is applied in the same SQL, so out-of-scope users
 * are never read. One round trip, whatever the number of users.
 */
export async function searchUsers(db: Db, grants: Grant[], rawQuery: string, limit = 20): Promise<UserHit[]> {
  const q = rawQuery.trim().toLowerCase().slice(0, 100);
  if (q.length < MIN_QUERY_LENGTH || grants.length === 0) return [];
  const like = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const contains = `%${like}`;
  const digits = q.replace(/\D/g, "");
  const inScope = userScopeCondition(db, grants, sql`u.id`);
  const rows = await queryRows<{ id: string; name: string; email: string; phone: string | null; status: UserHit["status"]; department: string | null; field: string; value: string; score: number }>(
    db,
    sql`
    with candidates as (
      (select u.id as user_id, 'email' as field, u.email as value,
              case when lower(u.email) = ${q} then 1.0 when lower(u.email) like ${like} then 0.9 else similarity(lower(u.email), ${q}) end as score
         from ${users} u where lower(u.email) like ${like} or lower(u.email) % ${q}
         order by score desc limit ${PER_FIELD})
      union all
      (select u.id, 'name', u.name,
              case when lower(u.name) like ${like} then 0.9 when lower(u.name) like ${contains} then 0.8 else similarity(lower(u.name), ${q}) end as score
         from ${users} u where lower(u.name) like ${contains} or lower(u.name) % ${q}
         order by score desc limit ${PER_FIELD})
      union all
      (select u.id, 'phone', u.phone, 0.85
         from ${users} u where ${digits.length >= 4} and u.phone_digits like ${`%${digits}%`}
         limit ${PER_FIELD})
      union all
      (select d.owner_id, 'serial', d.serial,
              case when lower(d.serial) = ${q} then 1.0 when lower(d.serial) like ${like} then 0.95 else similarity(lower(d.serial), ${q}) end as score
         from devices d where lower(d.serial) like ${like} or lower(d.serial) % ${q}
         order by score desc limit ${PER_FIELD})
      union all
      (select d.owner_id, 'imei', d.imei, case when d.imei = ${q} then 1.0 else 0.95 end
         from devices d where ${digits.length >= 4} and d.imei like ${`${digits}%`}
         limit ${PER_FIELD})
    ),
    best as (
      select distinct on (user_id) user_id, field, value, score from candidates order by user_id, score desc
    )
    select u.id, u.name, u.email, u.phone, u.status, u.department, b.field, b.value, b.score::float8 as score
      from best b join ${users} u on u.id = b.user_id
     where ${inScope}
     order by b.score desc, u.name asc
     limit ${Math.min(Math.max(limit, 1), 50)}`,
  );
  return rows.map(({ field, value, score, ...user }) => ({ ...user, matched: { field, value }, score: Number(score) }));
}
