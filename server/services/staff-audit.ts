import { and, desc, eq, gte, isNotNull, like, lt, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { auditEvents, users } from "@/db/schema";
import type { Db } from "@/db/types";
import { verifyAuditChain } from "../audit/verify";
import { AppError } from "../errors";
import type { Grant } from "../rbac/grants";
import { userScopeCondition } from "../rbac/scope";

/** The audit log for the help desk (F18): filtered, scoped, newest first; the chain check. */

// Shared by the tRPC procedure and the CSV route, so both accept and refuse the same filters.
export const auditFiltersSchema = z
  .object({
    actorId: z.uuid("Choose an actor from the list.").optional(),
    subjectUserId: z.uuid("Choose a user from the list.").optional(),
    // A prefix: "ticket." finds every ticket action, "ticket.replied" just that one.
    action: z.string().trim().max(100).optional(),
    from: z.coerce.date("Enter a valid start date.").optional(),
    // Inclusive: the UI sends the end of the chosen day.
    to: z.coerce.date("Enter a valid end date.").optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start date must be before the end date.", path: ["to"] });
export type AuditFilters = z.output<typeof auditFiltersSchema>;

export const AUDIT_PAGE_MAX = 200;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Scope: an event about a user is visible when that user is in the caller's audit.read scope; an
 * event about no one (settings, roles, the system) only to an all-users scope, since it may
 * concern anyone.
 */
export function auditScopeCondition(db: Db, grants: Grant[]): SQL {
  if (grants.some((grant) => grant.allUsers)) return sql`true`;
  return and(isNotNull(auditEvents.subjectUserId), userScopeCondition(db, grants, auditEvents.subjectUserId))!;
}

export function auditConditions(db: Db, grants: Grant[], filters: AuditFilters): SQL {
  const conditions: SQL[] = [auditScopeCondition(db, grants)];
  if (filters.actorId) conditions.push(eq(auditEvents.actorId, filters.actorId));
  if (filters.subjectUserId) conditions.push(eq(auditEvents.subjectUserId, filters.subjectUserId));
  if (filters.action) conditions.push(like(auditEvents.action, `${escapeLike(filters.action)}%`));
  if (filters.from) conditions.push(gte(auditEvents.at, filters.from));
  if (filters.to) conditions.push(lte(auditEvents.at, filters.to));
  return and(...conditions)!;
}

const actor = alias(users, "actor");
const subject = alias(users, "subject");

/**
 * One page of events, newest first, with current actor and subject names (the event itself keeps
 * the ids and the label recorded at the time). `before` is a seq: keyset paging on the primary key.
 */
export async function auditPage(db: Db, grants: Grant[], filters: AuditFilters, page: { before?: number; limit?: number } = {}) {
  const limit = Math.min(Math.max(page.limit ?? 50, 1), AUDIT_PAGE_MAX);
  const where = page.before ? and(auditConditions(db, grants, filters), lt(auditEvents.seq, page.before)) : auditConditions(db, grants, filters);
  const rows = await db
    .select({
      seq: auditEvents.seq,
      id: auditEvents.id,
      at: auditEvents.at,
      actorKind: auditEvents.actorKind,
      actorId: auditEvents.actorId,
      actorLabel: auditEvents.actorLabel,
      actorName: actor.name,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      subjectUserId: auditEvents.subjectUserId,
      subjectName: subject.name,
      details: auditEvents.details,
      ip: auditEvents.ip,
      userAgent: auditEvents.userAgent,
      hash: auditEvents.hash,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorId))
    .leftJoin(subject, eq(subject.id, auditEvents.subjectUserId))
    .where(where)
    .orderBy(desc(auditEvents.seq))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.seq ?? null) : null };
}

/**
 * The admin's "chain intact" check. The chain covers every event, including ones outside a scoped
 * auditor's view (a broken row would be named by seq), so only an all-users audit.read may run it.
 */
export async function verifyAuditTrail(db: Db, grants: Grant[]) {
  if (!grants.some((grant) => grant.allUsers)) {
    throw new AppError("FORBIDDEN", "Checking the whole audit chain needs audit.read over all users.");
  }
  return verifyAuditChain(db);
}

