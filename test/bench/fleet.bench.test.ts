import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import type { Db } from "@/db/types";
import { createEnrollmentCode } from "@/server/services/enrollment-codes";
import { acceptTerms, termsForUser } from "@/server/services/terms";
import { startApp } from "../support/app-server";
import { makeUser } from "../support/factories";
import { runFleet } from "../simulator/fleet";

/**
 * `npm run bench`: 200 simulated devices against `next start` on this run's database (PGlite, or
 * Postgres with TEST_DATABASE_URL), each checking in back to back for a fixed time. Figures go
 * to bench-results/fleet-<driver>.json.
 */
const COUNT = Number(process.env.BENCH_DEVICES ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

it(`fleet of ${COUNT} devices: check-ins per second`, async () => {
  const codes: string[] = [];
  const app = await startApp({
    env: { WARD_DEVICE_REQUESTS_PER_ADDRESS: "1000000", WARD_ENROLLMENTS_PER_ADDRESS: "1000000" },
    // One owner per device (the device limit is per user), each with the terms accepted and a code.
    prepare: async (db: Db) => {
      for (let i = 0; i < COUNT; i++) {
        const user = await makeUser(db);
        for (const pending of (await termsForUser(db, user.id)).filter((t) => t.mustAccept)) {
          await acceptTerms(db, user.id, pending.current.id, { ip: null, userAgent: "bench" });
        }
        codes.push((await createEnrollmentCode(db, user.id, { ownership: "corporate" }, { ip: null, userAgent: "bench" }, "http://bench")).code);
      }
    },
  });
  try {
    const enrollStarted = performance.now();
    const fleet = await runFleet({ server: app.url, codes, intervalSeconds: 0.05, concurrency: 16 });
    const enrollSeconds = (performance.now() - enrollStarted) / 1000;
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const summary = fleet.stop();
    const driver = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
    const figures = { driver, enrollSeconds: Math.round(enrollSeconds * 10) / 10, enrollmentsPerSecond: Math.round((COUNT / enrollSeconds) * 10) / 10, ...summary, measuredAt: new Date().toISOString() };
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync(path.join("bench-results", `fleet-${driver}.json`), JSON.stringify(figures, null, 2));
    console.log(`fleet bench (${driver}): ${JSON.stringify(figures)}`);
    expect(summary.devices).toBe(COUNT);
    expect(summary.checkIns).toBeGreaterThan(COUNT);
  } finally {
    await app.stop();
  }
});
