import { asc, gt } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import type { Db } from "@/db/types";
import { auditHash, GENESIS_HASH } from "./record";

export type ChainVerification =
  | { intact: true; checked: number }
  | { intact: false; checked: number; brokenAtSeq: number; reason: "hash_mismatch" | "link_mismatch" };

/** Recomputes the hash chain from the first event; the first row that does not match is reported. */
export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.seq, lastSeq)).orderBy(asc(auditEvents.seq)).limit(batchSize);
    if (rows.length === 0) return { intact: true, checked };
    for (const row of rows) {
      if (row.prevHash !== prevHash) return { intact: false, checked, brokenAtSeq: row.seq, reason: "link_mismatch" };
      const expected = auditHash(prevHash, {
        id: row.id,
        at: row.at,
        actorId: row.actorId,
        actorKind: row.actorKind,
        actorLabel: row.actorLabel,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        subjectUserId: row.subjectUserId,
        details: row.details,
        ip: row.ip,
        userAgent: row.userAgent,
      });
      if (expected !== row.hash) return { intact: false, checked, brokenAtSeq: row.seq, reason: "hash_mismatch" };
      prevHash = row.hash;
      lastSeq = row.seq;
      checked++;
    }
  }
}
