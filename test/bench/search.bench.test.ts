import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { loadGrants } from "@/server/rbac/grants";
import { searchUsers } from "@/server/services/user-search";
import { percentile } from "../simulator/fleet";
import { assignRole, makeGroup, makeUser } from "../support/factories";
import { createTestDatabase } from "../support/test-db";

/**
 * Help desk search latency (issue 5): N users (default 100,000) with a device each, half of them
 * in the operator's scope group; 200 mixed queries (name prefix, typo, e-mail, serial, IMEI,
 * phone) through the real service. Figures go to bench-results/search-<driver>.json.
 */
const USERS = Number(process.env.BENCH_USERS ?? 100_000);

it(`search over ${USERS} users`, async () => {
  const database = await createTestDatabase();
  try {
    const db = database.db;
    const seedStarted = performance.now();
    const group = await makeGroup(db, "Bench scope");
    await db.execute(sql`
      insert into users (email, name, phone, department, region)
      select 'user' || i || '@bench.example',
             (array['Anna','Ben','Chloe','David','Elena','Farid','Grace','Hiro','Ines','Jonas','Kofi','Lena','Mateo','Nina','Omar','Priya','Quinn','Rosa','Sven','Tara'])[1 + i % 20]
               || ' ' || (array['Smith','Garcia','Müller','Rossi','Kowalski','Nguyen','Okafor','Tanaka','Silva','Johansson','Dubois','Novak','Haddad','Kim','Patel','Olsen','Moreau','Costa','Weber','Fischer'])[1 + (i / 20) % 20]
               || ' ' || i,
             '+1 555 ' || lpad((i % 10000000)::text, 7, '0'), 'Dept ' || (i % 40), case when i % 2 = 0 then 'EMEA' else 'Americas' end
        from generate_series(1, ${USERS}) as i`);
    await db.execute(sql`
      insert into devices (owner_id, display_name, platform, os_version, ownership, serial, imei)
      select u.id, 'Phone of ' || u.name, 'android', '14', 'personal', upper(substr(md5(u.email), 1, 12)), '35' || lpad(substr(u.email, 5, position('@' in u.email) - 5), 13, '0')
        from users u where u.email like '%@bench.example'`);
    await db.execute(sql`insert into group_members (group_id, user_id) select ${group.id}, id from users where email like '%@bench.example' and region = 'EMEA'`);
    await db.execute(sql`analyze`);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const operator = await makeUser(db);
    await assignRole(db, operator.id, "help_desk_operator", { groupIds: [group.id] });
    const grants = await loadGrants(db, operator.id);
    const sample = await queryRows<{ email: string; name: string; serial: string; imei: string; phone: string }>(
      db,
      sql`select u.email, u.name, d.serial, d.imei, u.phone from users u join devices d on d.owner_id = u.id where u.email like '%@bench.example' order by md5(u.id::text) limit 40`,
    );
    const queries = sample.flatMap((s) => [
      s.name.split(" ")[0]!.slice(0, 4),
      s.name.replace(/a/, "e"),
      s.email,
      s.serial.slice(0, 6).toLowerCase(),
      s.imei.slice(0, 10),
    ]).slice(0, 200);
    await searchUsers(db, grants, queries[0]!); // warm-up
    const timings: number[] = [];
    let hits = 0;
    for (const query of queries) {
      const started = performance.now();
      const result = await searchUsers(db, grants, query);
      timings.push(performance.now() - started);
      hits += result.length > 0 ? 1 : 0;
    }
    const driver = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
    const figures = {
      driver,
      users: USERS,
      queries: timings.length,
      queriesWithHits: hits,
      medianMs: Math.round(percentile(timings, 50) * 10) / 10,
      p95Ms: Math.round(percentile(timings, 95) * 10) / 10,
      maxMs: Math.round(Math.max(...timings) * 10) / 10,
      seedSeconds: Math.round(seedSeconds),
      measuredAt: new Date().toISOString(),
    };
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync(path.join("bench-results", `search-${driver}.json`), JSON.stringify(figures, null, 2));
    console.log(`search bench (${driver}): ${JSON.stringify(figures)}`);
    expect(timings).toHaveLength(200);
    // Half the sampled people are outside the operator's scope: their e-mail, serial and IMEI find nothing.
    expect(hits).toBeGreaterThan(100);
  } finally {
    await database.close();
  }
});
