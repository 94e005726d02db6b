import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, terms, termsAcceptances, termsGroups, termsVersions } from "@/db/schema";
import { AppError } from "@/server/errors";
import { acceptTerms, assertTermsAccepted, termsForUser } from "@/server/services/terms";
import { addToGroup, makeGroup, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();
const meta = { ip: "198.51.100.20", userAgent: "vitest-terms" };

async function publishTerms(options: { groupId?: string } = {}) {
  const [doc] = await database.db
    .insert(terms)
    .values({ name: `Terms ${crypto.randomUUID()}`, allUsers: !options.groupId })
    .returning();
  if (options.groupId) await database.db.insert(termsGroups).values({ termsId: doc!.id, groupId: options.groupId });
  return doc!;
}

async function publishVersion(termsId: string, version: number, requiresReacceptance = true) {
  const [row] = await database.db
    .insert(termsVersions)
    .values({ termsId, version, title: `Version ${version}`, summary: "s", body: "b", publishedAt: new Date(), requiresReacceptance })
    .returning();
  return row!;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("terms", () => {
  it("applies group-assigned terms only to members, and blocks until accepted", async () => {
    const group = await makeGroup(database.db);
    const member = await makeUser(database.db);
    const outsider = await makeUser(database.db);
    await addToGroup(database.db, member.id, group.id);
    const doc = await publishTerms({ groupId: group.id });
    const v1 = await publishVersion(doc.id, 1);

    const mine = (await termsForUser(database.db, member.id)).find((t) => t.termsId === doc.id);
    expect(mine).toMatchObject({ mustAccept: true, accepted: null, current: { id: v1.id } });
    expect((await termsForUser(database.db, outsider.id)).some((t) => t.termsId === doc.id)).toBe(false);

    const error = await refusal(assertTermsAccepted(database.db, member.id));
    expect(error.code).toBe("TERMS_NOT_ACCEPTED");
    expect(error.details?.termsVersionIds).toContain(v1.id);

    const first = await acceptTerms(database.db, member.id, v1.id, meta);
    const again = await acceptTerms(database.db, member.id, v1.id, meta);
    expect(first.alreadyAccepted).toBe(false);
    expect(again).toEqual({ acceptedAt: first.acceptedAt, alreadyAccepted: true });
    await expect(assertTermsAccepted(database.db, member.id)).resolves.toBeUndefined();

    const rows = await database.db.select().from(termsAcceptances).where(eq(termsAcceptances.userId, member.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ip: meta.ip, userAgent: meta.userAgent });
    const audit = await database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectUserId, member.id), eq(auditEvents.action, "terms.accepted")));
    expect(audit).toHaveLength(1);
  });

  it("asks again only when a new version requires re-acceptance", async () => {
    const user = await makeUser(database.db);
    const doc = await publishTerms({ groupId: (await makeGroup(database.db)).id });
    await addToGroup(database.db, user.id, (await database.db.select().from(termsGroups).where(eq(termsGroups.termsId, doc.id)))[0]!.groupId);
    const v1 = await publishVersion(doc.id, 1);
    await acceptTerms(database.db, user.id, v1.id, meta);

    await publishVersion(doc.id, 2, false);
    const minor = (await termsForUser(database.db, user.id)).find((t) => t.termsId === doc.id)!;
    expect(minor).toMatchObject({ mustAccept: false, current: { version: 2 }, accepted: { version: 1 } });

    const v3 = await publishVersion(doc.id, 3, true);
    expect((await termsForUser(database.db, user.id)).find((t) => t.termsId === doc.id)!.mustAccept).toBe(true);
    await acceptTerms(database.db, user.id, v3.id, meta);
    expect((await termsForUser(database.db, user.id)).find((t) => t.termsId === doc.id)!.mustAccept).toBe(false);
  });

  it("refuses accepting a version that is not current for the user, and changes nothing", async () => {
    const user = await makeUser(database.db);
    const doc = await publishTerms({ groupId: (await makeGroup(database.db)).id });
    const v1 = await publishVersion(doc.id, 1);
    const error = await refusal(acceptTerms(database.db, user.id, v1.id, meta));
    expect(error.code).toBe("NOT_FOUND");
    expect(await database.db.$count(termsAcceptances, eq(termsAcceptances.userId, user.id))).toBe(0);
  });
});
