import { and, eq, sql } from "drizzle-orm";
import { userIdentities, users } from "@/db/schema";
import type { Db } from "@/db/types";
import { recordAudit } from "../audit/record";
import type { SignedInUser } from "./local-sign-in";

export type OidcClaims = {
  issuer: string;
  subject: string;
  email?: string | null;
  emailVerified?: boolean | null;
  name?: string | null;
};

export type ProvisionResult =
  | { ok: true; user: SignedInUser; created: boolean }
  | { ok: false; reason: "email_missing" | "email_unverified" | "account_inactive" };

/**
 * Just-in-time provisioning for SSO: a known identity signs in as its user; otherwise the
 * verified e-mail links to the existing account with that e-mail, or creates one. An unverified
 * e-mail is never trusted, since it could take over someone else's account.
 */
export async function provisionOidcUser(db: Db, claims: OidcClaims): Promise<ProvisionResult> {
  return db.transaction(async (tx) => {
    const [known] = await tx
      .select({ user: users })
      .from(userIdentities)
      .innerJoin(users, eq(users.id, userIdentities.userId))
      .where(and(eq(userIdentities.issuer, claims.issuer), eq(userIdentities.subject, claims.subject)));
    if (known) {
      if (known.user.status !== "active") return { ok: false, reason: "account_inactive" } as const;
      await tx
        .update(userIdentities)
        .set({ lastUsedAt: new Date() })
        .where(and(eq(userIdentities.issuer, claims.issuer), eq(userIdentities.subject, claims.subject)));
      await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, known.user.id));
      await recordAudit(tx, {
        actor: { kind: "user", id: known.user.id, label: known.user.email },
        action: "auth.sign_in",
        subjectUserId: known.user.id,
        details: { method: "oidc", issuer: claims.issuer },
      });
      return { ok: true, user: pick(known.user), created: false } as const;
    }

    const email = claims.email?.trim().toLowerCase();
    if (!email) return { ok: false, reason: "email_missing" } as const;
    if (claims.emailVerified !== true) return { ok: false, reason: "email_unverified" } as const;

    let [user] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, email)).limit(1);
    const created = !user;
    if (user && user.status !== "active") return { ok: false, reason: "account_inactive" } as const;
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email, name: claims.name?.trim() || email.split("@")[0]!, lastSignInAt: new Date() })
        .returning();
    } else {
      await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
    }
    await tx.insert(userIdentities).values({ userId: user!.id, issuer: claims.issuer, subject: claims.subject, lastUsedAt: new Date() });
    const actor = { kind: "user" as const, id: user!.id, label: email };
    if (created) {
      await recordAudit(tx, { actor, action: "user.provisioned", target: { type: "user", id: user!.id }, subjectUserId: user!.id, details: { issuer: claims.issuer } });
    }
    await recordAudit(tx, { actor, action: "auth.identity_linked", subjectUserId: user!.id, details: { issuer: claims.issuer } });
    await recordAudit(tx, { actor, action: "auth.sign_in", subjectUserId: user!.id, details: { method: "oidc", issuer: claims.issuer } });
    return { ok: true, user: pick(user!), created } as const;
  });
}

function pick(user: typeof users.$inferSelect): SignedInUser {
  return { id: user.id, email: user.email, name: user.name };
}
