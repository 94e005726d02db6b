import { and, desc, eq, exists, inArray, isNotNull, or } from "drizzle-orm";
import { groupMembers, terms, termsAcceptances, termsGroups, termsVersions } from "@/db/schema";
import type { Db } from "@/db/types";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors";
import type { RequestMeta } from "../http/request-meta";

export type TermsVersion = typeof termsVersions.$inferSelect;
export type TermsForUser = {
  termsId: string;
  name: string;
  /** The latest published version. */
  current: TermsVersion;
  /** The latest version this user accepted, if any. */
  accepted: { versionId: string; version: number; acceptedAt: Date } | null;
  /** True when the user must accept `current` before enrolling or acting. */
  mustAccept: boolean;
};

/**
 * The terms that apply to a user (assigned to all users or to one of their groups), each with its
 * latest published version and whether the user must accept it. A newer version that does not
 * require re-acceptance keeps an earlier acceptance valid.
 */
export async function termsForUser(db: Db, userId: string): Promise<TermsForUser[]> {
  const assigned = await db
    .select({ id: terms.id, name: terms.name })
    .from(terms)
    .where(
      or(
        eq(terms.allUsers, true),
        exists(
          db
            .select({ one: termsGroups.termsId })
            .from(termsGroups)
            .innerJoin(groupMembers, eq(groupMembers.groupId, termsGroups.groupId))
            .where(and(eq(termsGroups.termsId, terms.id), eq(groupMembers.userId, userId))),
        ),
      ),
    );
  if (assigned.length === 0) return [];
  const ids = assigned.map((t) => t.id);
  const [versions, acceptances] = await Promise.all([
    db
      .select()
      .from(termsVersions)
      .where(and(inArray(termsVersions.termsId, ids), isNotNull(termsVersions.publishedAt)))
      .orderBy(desc(termsVersions.version)),
    db
      .select({ termsId: termsVersions.termsId, versionId: termsVersions.id, version: termsVersions.version, acceptedAt: termsAcceptances.acceptedAt })
      .from(termsAcceptances)
      .innerJoin(termsVersions, eq(termsVersions.id, termsAcceptances.termsVersionId))
      .where(and(eq(termsAcceptances.userId, userId), inArray(termsVersions.termsId, ids)))
      .orderBy(desc(termsVersions.version)),
  ]);
  const result: TermsForUser[] = [];
  for (const doc of assigned) {
    const published = versions.filter((v) => v.termsId === doc.id);
    const current = published[0];
    if (!current) continue;
    const accepted = acceptances.find((a) => a.termsId === doc.id) ?? null;
    // Valid if the user accepted the current version, or any version after the last one that
    // demanded re-acceptance.
    const lastBinding = published.find((v) => v.requiresReacceptance || v.version === published.at(-1)!.version)!;
    const mustAccept = !accepted || accepted.version < lastBinding.version;
    result.push({ termsId: doc.id, name: doc.name, current, accepted: accepted && { versionId: accepted.versionId, version: accepted.version, acceptedAt: accepted.acceptedAt }, mustAccept });
  }
  return result;
}

/** Throws TERMS_NOT_ACCEPTED when any terms wait for this user's acceptance. */
export async function assertTermsAccepted(db: Db, userId: string): Promise<void> {
  const pending = (await termsForUser(db, userId)).filter((t) => t.mustAccept);
  if (pending.length > 0) {
    throw new AppError("TERMS_NOT_ACCEPTED", `Accept the current terms ("${pending[0]!.current.title}") first.`, {
      reason: "terms_not_accepted",
      termsVersionIds: pending.map((t) => t.current.id),
    });
  }
}

/** Accepts one published version for the user; accepting it again changes nothing. */
export async function acceptTerms(db: Db, userId: string, versionId: string, meta: RequestMeta) {
  const applicable = await termsForUser(db, userId);
  const target = applicable.find((t) => t.current.id === versionId);
  if (!target) throw new AppError("NOT_FOUND", "These terms are not (or no longer) the current version for you.");
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(termsAcceptances)
      .values({ userId, termsVersionId: versionId, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 512) ?? null })
      .onConflictDoNothing()
      .returning();
    if (inserted) {
      await recordAudit(tx, {
        actor: { kind: "user", id: userId },
        action: "terms.accepted",
        target: { type: "terms_version", id: versionId },
        subjectUserId: userId,
        details: { terms: target.name, version: target.current.version },
        ...meta,
      });
    }
    const [row] = await tx
      .select()
      .from(termsAcceptances)
      .where(and(eq(termsAcceptances.userId, userId), eq(termsAcceptances.termsVersionId, versionId)));
    return { acceptedAt: row!.acceptedAt, alreadyAccepted: !inserted };
  });
}

export type TermsAcceptanceRecord = { versionId: string; termsName: string; title: string; version: number; acceptedAt: Date };

/**
 * What the user accepted and when, newest first ("what you accepted and when", DESIGN F2).
 * termsForUser keeps only the latest acceptance per document; this keeps every one, including
 * versions and documents that no longer apply to the user, since they still accepted them.
 */
export async function termsAcceptanceHistory(db: Db, userId: string, limit = 50): Promise<TermsAcceptanceRecord[]> {
  return db
    .select({
      versionId: termsVersions.id,
      termsName: terms.name,
      title: termsVersions.title,
      version: termsVersions.version,
      acceptedAt: termsAcceptances.acceptedAt,
    })
    .from(termsAcceptances)
    .innerJoin(termsVersions, eq(termsVersions.id, termsAcceptances.termsVersionId))
    .innerJoin(terms, eq(terms.id, termsVersions.termsId))
    .where(eq(termsAcceptances.userId, userId))
    .orderBy(desc(termsAcceptances.acceptedAt), desc(termsVersions.version))
    .limit(limit);
}
