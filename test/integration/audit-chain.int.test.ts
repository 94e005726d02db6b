import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { recordAudit } from "@/server/audit/record";
import { verifyAuditChain } from "@/server/audit/verify";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();

describe("audit hash chain", () => {
  it("links every event to the one before, even with concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        database.db.transaction((tx) => recordAudit(tx, { actor: { kind: "system" }, action: "test.event", details: { i, nested: { b: 1, a: [2, 3] } } })),
      ),
    );
    const result = await verifyAuditChain(database.db, 7);
    expect(result.intact).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(20);
  });

  it("writes nothing when the surrounding transaction rolls back", async () => {
    const before = await database.db.$count(auditEvents);
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, { actor: { kind: "system" }, action: "test.rolled_back" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await database.db.$count(auditEvents)).toBe(before);
  });

  it("reports the first tampered row", async () => {
    const rows = await database.db.select({ seq: auditEvents.seq }).from(auditEvents).orderBy(auditEvents.seq);
    const victim = rows[Math.floor(rows.length / 2)]!.seq;
    await database.db.update(auditEvents).set({ details: sql`jsonb_set(details, '{i}', '999')` }).where(eq(auditEvents.seq, victim));
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: false, brokenAtSeq: victim, reason: "hash_mismatch" });
  });
});
