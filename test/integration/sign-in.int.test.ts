import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import { signInWithPassword } from "@/server/auth/local-sign-in";
import { AppError } from "@/server/errors";
import { makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();

const meta = { ip: "198.51.100.7", userAgent: "vitest" };

async function failure(input: unknown, ip = meta.ip): Promise<AppError> {
  try {
    await signInWithPassword(database.db, input, { ...meta, ip });
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("sign-in unexpectedly succeeded");
}

describe("local sign-in", () => {
  it("signs in with the right password, case-insensitively by email, and audits it", async () => {
    const user = await makeUser(database.db, { password: "s3cret-Pass", email: `Mixed.Case-${Date.now()}@Test.example` });
    const signedIn = await signInWithPassword(database.db, { email: user.email.toUpperCase(), password: "s3cret-Pass" }, meta);
    expect(signedIn).toEqual({ id: user.id, email: user.email, name: user.name });
    const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.lastSignInAt).toBeInstanceOf(Date);
    const audit = await database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectUserId, user.id), eq(auditEvents.action, "auth.sign_in")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ ip: meta.ip, userAgent: "vitest", details: { method: "password" } });
  });

  it.each([
    [{}, "BAD_REQUEST", "Enter your email address"],
    [{ email: "", password: "" }, "BAD_REQUEST", "Enter your email address"],
    [{ email: "not-an-email", password: "x" }, "BAD_REQUEST", "Enter a valid email address, like name@example.com"],
    [{ email: "a@b.example", password: "" }, "BAD_REQUEST", "Enter your password"],
    [{ email: `${"a".repeat(10_000)}@b.example`, password: "x" }, "BAD_REQUEST", "That email address is too long"],
    [{ email: "a@b.example", password: "p".repeat(10_000) }, "BAD_REQUEST", "That password is too long (1024 characters at most)"],
    [{ email: ["a@b.example"], password: 5 }, "BAD_REQUEST", "Enter your email address"],
  ])("refuses bad input %# with a clear message", async (input, code, message) => {
    const error = await failure(input, "203.0.113.1");
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it("gives the same answer for an unknown account and a wrong password", async () => {
    const user = await makeUser(database.db, { password: "right-password" });
    const wrong = await failure({ email: user.email, password: "wrong-password" }, "203.0.113.2");
    const unknown = await failure({ email: `nobody-${Date.now()}@test.example`, password: "whatever" }, "203.0.113.2");
    expect(wrong.code).toBe("UNAUTHORIZED");
    expect(unknown.code).toBe("UNAUTHORIZED");
    expect(wrong.message).toBe(unknown.message);
    const failures = await database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectUserId, user.id), eq(auditEvents.action, "auth.sign_in_failed")));
    expect(failures).toHaveLength(1);
  });

  it("rate-limits repeated wrong passwords for an account, even from new addresses", async () => {
    const user = await makeUser(database.db, { password: "right-password" });
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await failure({ email: user.email, password: `wrong-${attempt}` }, `192.0.2.${attempt}`)).code).toBe("UNAUTHORIZED");
    }
    const limited = await failure({ email: user.email, password: "right-password" }, "192.0.2.99");
    expect(limited.code).toBe("TOO_MANY_REQUESTS");
    expect(limited.message).toMatch(/^Too many failed sign-in attempts\. Try again in 15 minutes\.$/);
    expect(limited.details?.retryAfterSeconds).toBeGreaterThan(800);
  });

  it("rate-limits one address guessing across many accounts", async () => {
    const ip = "192.0.2.200";
    for (let attempt = 0; attempt < 30; attempt++) {
      await failure({ email: `guess-${attempt}-${Date.now()}@test.example`, password: "x" }, ip);
    }
    expect((await failure({ email: "another@test.example", password: "x" }, ip)).code).toBe("TOO_MANY_REQUESTS");
  });

  it("refuses accounts that are not active", async () => {
    const user = await makeUser(database.db, { password: "right-password", status: "disabled" });
    const error = await failure({ email: user.email, password: "right-password" }, "203.0.113.3");
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/not active/);
  });
});
