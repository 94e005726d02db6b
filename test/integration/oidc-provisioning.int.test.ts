import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, userIdentities } from "@/db/schema";
import { provisionOidcUser } from "@/server/auth/oidc-provisioning";
import { makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();

const issuer = "https://login.test.example";
const sub = () => `sub-${crypto.randomUUID()}`;

describe("OIDC just-in-time provisioning", () => {
  it("creates a user from a verified e-mail, then recognizes the identity", async () => {
    const subject = sub();
    const email = `new-${Date.now()}@corp.example`;
    const first = await provisionOidcUser(database.db, { issuer, subject, email: email.toUpperCase(), emailVerified: true, name: "New Person" });
    expect(first).toMatchObject({ ok: true, created: true, user: { email, name: "New Person" } });
    // The second sign-in finds the identity even if the provider changed the e-mail.
    const again = await provisionOidcUser(database.db, { issuer, subject, email: "renamed@corp.example", emailVerified: true });
    expect(again).toMatchObject({ ok: true, created: false });
    if (!first.ok || !again.ok) throw new Error("unreachable");
    expect(again.user.id).toBe(first.user.id);
    const audit = await database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectUserId, first.user.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["auth.identity_linked", "auth.sign_in", "auth.sign_in", "user.provisioned"]);
  });

  it("links to the existing account with the same verified e-mail", async () => {
    const existing = await makeUser(database.db);
    const result = await provisionOidcUser(database.db, { issuer, subject: sub(), email: existing.email, emailVerified: true });
    expect(result).toMatchObject({ ok: true, created: false, user: { id: existing.id } });
    expect(await database.db.$count(userIdentities, eq(userIdentities.userId, existing.id))).toBe(1);
  });

  it("never trusts an unverified or missing e-mail", async () => {
    const existing = await makeUser(database.db);
    expect(await provisionOidcUser(database.db, { issuer, subject: sub(), email: existing.email, emailVerified: false })).toEqual({
      ok: false,
      reason: "email_unverified",
    });
    expect(await provisionOidcUser(database.db, { issuer, subject: sub(), email: null, emailVerified: true })).toEqual({ ok: false, reason: "email_missing" });
    expect(await database.db.$count(userIdentities, eq(userIdentities.userId, existing.id))).toBe(0);
  });

  it("refuses disabled and departed accounts", async () => {
    const departed = await makeUser(database.db, { status: "departed" });
    const subject = sub();
    expect(await provisionOidcUser(database.db, { issuer, subject, email: departed.email, emailVerified: true })).toEqual({
      ok: false,
      reason: "account_inactive",
    });
    expect(await database.db.$count(userIdentities, and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)))).toBe(0);
  });
});
