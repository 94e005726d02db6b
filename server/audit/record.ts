import { createHash } from "node:crypto";
import { desc, sql } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import type { Tx } from "@/db/types";

export type Actor =
  | { kind: "user" | "staff"; id: string; label?: string }
  | { kind: "device"; id: string; label?: string }
  | { kind: "system"; id?: undefined; label?: string };

export type AuditInput = {
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  subjectUserId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
};

export const GENESIS_HASH = "0".repeat(64);
// Serializes writers so each event links to the one before it.
const AUDIT_CHAIN_LOCK = 0x5741_5244;

type ChainedFields = {
  id: string;
  at: Date;
  actorId: string | null;
  actorKind: string;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  subjectUserId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
};

// Stable JSON: object keys sorted at every depth, so the hash does not depend on key order.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  return JSON.stringify(value ?? null);
}

export function auditHash(prevHash: string, fields: ChainedFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonical(fields)).digest("hex");
}

/**
 * Writes one audit event in the caller's transaction (the type only accepts a transaction), so
 * the change and its record commit or roll back together.
 */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: ChainedFields = {
    id: crypto.randomUUID(),
    // JS dates carry milliseconds, which Postgres keeps exactly, so the value read back hashes the same.
    at: new Date(),
    actorId: input.actor.id ?? null,
    actorKind: input.actor.kind,
    actorLabel: input.actor.label ?? null,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    subjectUserId: input.subjectUserId ?? null,
    details: input.details ?? {},
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
  };
  await tx.insert(auditEvents).values({
    ...fields,
    actorKind: input.actor.kind,
    prevHash,
    hash: auditHash(prevHash, fields),
  });
}
