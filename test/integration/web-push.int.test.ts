import { createECDH, randomBytes } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows } from "@/db/rows";
import { auditEvents, notifications, pushOutbox, pushSubscriptions } from "@/db/schema";
import { deliverOutbox } from "@/server/jobs/deliver-outbox";
import { duePushQuery, MAX_PUSH_ATTEMPTS, MAX_RETRY_AFTER_MS } from "@/server/jobs/deliver-push";
import { runTask } from "@/server/jobs/scheduler";
import { setNotificationPreference } from "@/server/services/notification-preferences";
import { notify } from "@/server/services/notifications";
import { subscribePush, unsubscribePush } from "@/server/services/push-subscriptions";
import { makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

// The local push service below is on http://127.0.0.1, which Ward refuses unless listed. env() is
// parsed on first use, and each test file has its own module graph, so this applies to the file.
vi.stubEnv("WARD_PUSH_HOSTS", "127.0.0.1");

const database = useTestDatabase();
const MINUTE = 60_000;

type PushRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: Buffer };
type Answer = { status: number; headers?: Record<string, string> };

/**
 * A push service on 127.0.0.1. A path answers what script() queued for it, one answer per request;
 * after that /gone/* answers 410 (subscription expired) and everything else 201.
 */
const received: PushRequest[] = [];
const scripts = new Map<string, Answer[]>();
const service = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const path = req.url ?? "";
    received.push({ method: req.method ?? "", path, headers: req.headers, body: Buffer.concat(chunks) });
    const answer = scripts.get(path)?.shift() ?? { status: path.startsWith("/gone/") ? 410 : 201 };
    res.writeHead(answer.status, answer.headers).end();
  });
});
let origin = "";
beforeAll(async () => {
  service.listen(0, "127.0.0.1");
  await once(service, "listening");
  origin = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => service.close(() => resolve())));

const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:it@acme.test" };
const task = { name: "deliver-outbox", run: (db: typeof database.db, now: Date) => deliverOutbox(db, now, { transport: null, fromAddress: "x@y.z", vapid }) };
const round = (now: Date) => runTask(database.db, task, now);
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

/** Keys as a browser makes them: an ECDH P-256 public key and 16 random auth bytes, base64url. */
function browserKeys() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") };
}

/** Subscribes a browser of this user on the local push service, answering `answers` first. */
async function browser(userId: string, kind: "ok" | "gone" = "ok", answers: Answer[] = []) {
  const path = `/${kind}/${crypto.randomUUID()}`;
  scripts.set(path, [...answers]);
  const { id } = await subscribePush(database.db, userId, { endpoint: `${origin}${path}`, keys: browserKeys() });
  return { id, path, endpoint: `${origin}${path}` };
}

const requestsTo = (path: string) => received.filter((r) => r.path === path);

async function notifyUser(userId: string, title = "Pixel is out of compliance") {
  const [row] = await database.db.transaction((tx) =>
    notify(tx, userId, { kind: "device_noncompliant", title, body: "Update it by Friday.", link: "/devices/p" }, { emailEnabled: false }).then(() =>
      tx.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.title, title))),
    ),
  );
  return row!;
}

async function outboxRow(notificationId: string, subscriptionId: string) {
  const [row] = await database.db
    .select()
    .from(pushOutbox)
    .where(and(eq(pushOutbox.notificationId, notificationId), eq(pushOutbox.subscriptionId, subscriptionId)));
  return row;
}

describe("web push through the push outbox and a push service on 127.0.0.1", () => {
  it("sends one encrypted VAPID request per browser, once", async () => {
    const user = await makeUser(database.db);
    const [a, b] = [await browser(user.id), await browser(user.id)];
    const notification = await notifyUser(user.id);
    // The outbox is the record; the in-app notification carries nothing about push.
    expect(notification.data).toEqual({});
    expect(await outboxRow(notification.id, a.id)).toMatchObject({ status: "pending", attempts: 0 });

    const now = new Date();
    expect(await round(now)).toBe(2);
    for (const path of [a.path, b.path]) {
      const [request, ...more] = requestsTo(path);
      expect(more).toHaveLength(0);
      expect(request!.method).toBe("POST");
      expect(request!.headers["content-encoding"]).toBe("aes128gcm");
      expect(request!.headers["ttl"]).toBe("86400");
      expect(request!.headers["authorization"]).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`));
      // Encrypted: the title must not travel in clear text.
      expect(request!.body.length).toBeGreaterThan(0);
      expect(request!.body.toString("latin1")).not.toContain("compliance");
    }
    for (const sub of [a, b]) {
      expect(await outboxRow(notification.id, sub.id)).toMatchObject({ status: "sent", attempts: 1, sentAt: now, lastError: null });
      const [row] = await database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, sub.id));
      expect(row!.lastUsedAt).toEqual(now);
    }

    // Delivered once: the next round has nothing to send.
    expect(await round(later(now, 2 * MINUTE))).toBe(0);
    expect(requestsTo(a.path)).toHaveLength(1);
  });

  it("retries a 503 on the first due round after the backoff, and marks it sent then", async () => {
    const user = await makeUser(database.db);
    const sub = await browser(user.id, "ok", [{ status: 503 }]);
    const notification = await notifyUser(user.id);

    const t0 = new Date();
    await round(t0);
    expect(await outboxRow(notification.id, sub.id)).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 503", nextAttemptAt: later(t0, MINUTE) });
    // Not due yet.
    await round(later(t0, 30_000));
    expect(requestsTo(sub.path)).toHaveLength(1);

    await round(later(t0, MINUTE));
    expect(requestsTo(sub.path)).toHaveLength(2);
    expect(await outboxRow(notification.id, sub.id)).toMatchObject({ status: "sent", attempts: 2, lastError: null, sentAt: later(t0, MINUTE) });
  });

  it("retries only the browser that failed when another one got it", async () => {
    const user = await makeUser(database.db);
    const failing = await browser(user.id, "ok", [{ status: 500 }]);
    const fine = await browser(user.id);
    const notification = await notifyUser(user.id);

    const t0 = new Date();
    await round(t0);
    expect(await outboxRow(notification.id, fine.id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(await outboxRow(notification.id, failing.id)).toMatchObject({ status: "pending", attempts: 1 });

    await round(later(t0, MINUTE));
    expect(requestsTo(fine.path)).toHaveLength(1);
    expect(requestsTo(failing.path)).toHaveLength(2);
    expect(await outboxRow(notification.id, failing.id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("deletes a subscription answering 410 with all its queued pushes, and asks it only once", async () => {
    const user = await makeUser(database.db);
    const gone = await browser(user.id, "gone");
    const fine = await browser(user.id);
    const first = await notifyUser(user.id, "first");
    const second = await notifyUser(user.id, "second");
    expect(await database.db.$count(pushOutbox, eq(pushOutbox.subscriptionId, gone.id))).toBe(2);

    await round(new Date());
    expect(requestsTo(gone.path)).toHaveLength(1);
    expect(await database.db.$count(pushSubscriptions, eq(pushSubscriptions.id, gone.id))).toBe(0);
    expect(await database.db.$count(pushOutbox, eq(pushOutbox.subscriptionId, gone.id))).toBe(0);
    expect(await outboxRow(first.id, fine.id)).toMatchObject({ status: "sent" });
    expect(await outboxRow(second.id, fine.id)).toMatchObject({ status: "sent" });
  });

  it("fails a 400 or 403 at once and never retries it", async () => {
    const user = await makeUser(database.db);
    const bad = await browser(user.id, "ok", [{ status: 400 }]);
    const mismatch = await browser(user.id, "ok", [{ status: 403 }]);
    const notification = await notifyUser(user.id);

    const t0 = new Date();
    await round(t0);
    expect(await outboxRow(notification.id, bad.id)).toMatchObject({ status: "failed", attempts: 1, lastError: "HTTP 400" });
    expect(await outboxRow(notification.id, mismatch.id)).toMatchObject({ status: "failed", attempts: 1, lastError: "HTTP 403" });
    await round(later(t0, 2 * 60 * MINUTE));
    expect(requestsTo(bad.path)).toHaveLength(1);
    expect(requestsTo(mismatch.path)).toHaveLength(1);
    // Unlike 404/410, the subscription stays: the next notification may well go through.
    expect(await database.db.$count(pushSubscriptions, eq(pushSubscriptions.id, bad.id))).toBe(1);
  });

  it(`backs off 1, 5, 15 and 60 minutes and gives up after ${MAX_PUSH_ATTEMPTS} attempts`, async () => {
    const user = await makeUser(database.db);
    const down = await browser(user.id, "ok", Array.from({ length: 10 }, () => ({ status: 503 })));
    const notification = await notifyUser(user.id);

    let at = new Date();
    for (const [index, wait] of [1, 5, 15, 60].entries()) {
      await round(at);
      const next = later(at, wait * MINUTE);
      expect(await outboxRow(notification.id, down.id)).toMatchObject({ status: "pending", attempts: index + 1, nextAttemptAt: next });
      at = next;
    }
    await round(at);
    expect(await outboxRow(notification.id, down.id)).toMatchObject({ status: "failed", attempts: MAX_PUSH_ATTEMPTS, lastError: "HTTP 503" });
    await round(later(at, 2 * 60 * MINUTE));
    expect(requestsTo(down.path)).toHaveLength(MAX_PUSH_ATTEMPTS);
  });

  it("retries when the push service cannot be reached, recording a short error without the URL", async () => {
    const closed = http.createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const user = await makeUser(database.db);
    const path = `/ok/${crypto.randomUUID()}`;
    const { id } = await subscribePush(database.db, user.id, { endpoint: `http://127.0.0.1:${port}${path}`, keys: browserKeys() });
    const notification = await notifyUser(user.id);
    const t0 = new Date();
    await round(t0);
    const row = await outboxRow(notification.id, id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "ECONNREFUSED", nextAttemptAt: later(t0, MINUTE) });
  });

  it("waits as long as Retry-After asks, up to an hour", async () => {
    const user = await makeUser(database.db);
    const limited = await browser(user.id, "ok", [{ status: 429, headers: { "Retry-After": "600" } }]);
    const greedy = await browser(user.id, "ok", [{ status: 503, headers: { "Retry-After": "86400" } }]);
    const notification = await notifyUser(user.id);

    const t0 = new Date();
    await round(t0);
    expect(await outboxRow(notification.id, limited.id)).toMatchObject({ status: "pending", lastError: "HTTP 429", nextAttemptAt: later(t0, 10 * MINUTE) });
    expect(await outboxRow(notification.id, greedy.id)).toMatchObject({ status: "pending", nextAttemptAt: later(t0, MAX_RETRY_AFTER_MS) });

    // The 1-minute backoff alone would have retried here.
    await round(later(t0, 5 * MINUTE));
    expect(requestsTo(limited.path)).toHaveLength(1);
    await round(later(t0, 10 * MINUTE));
    expect(requestsTo(limited.path)).toHaveLength(2);
    expect(await outboxRow(notification.id, limited.id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("gives up on a push older than its TTL (the push service would drop it) without sending", async () => {
    const user = await makeUser(database.db);
    const sub = await browser(user.id, "ok", [{ status: 503 }]);
    const stale = await notifyUser(user.id, "stale");
    const now = new Date();
    await database.db.update(notifications).set({ createdAt: later(now, -24 * 60 * MINUTE - 1) }).where(eq(notifications.id, stale.id));
    await round(now);
    expect(requestsTo(sub.path)).toHaveLength(0);
    expect(await outboxRow(stale.id, sub.id)).toMatchObject({ status: "failed", attempts: 0, lastError: "expired before it could be sent" });

    // A retry that would come after the TTL is not scheduled: it fails now.
    const nearlyStale = await notifyUser(user.id, "nearly stale");
    const then = new Date();
    await database.db.update(notifications).set({ createdAt: later(then, -24 * 60 * MINUTE + 30_000) }).where(eq(notifications.id, nearlyStale.id));
    await round(then);
    expect(requestsTo(sub.path)).toHaveLength(1);
    expect(await outboxRow(nearlyStale.id, sub.id)).toMatchObject({ status: "failed", attempts: 1, lastError: "HTTP 503" });
  });

  it("does not send one account's pushes to a browser that has since signed in to another", async () => {
    const [before, after] = [await makeUser(database.db), await makeUser(database.db)];
    const sub = await browser(before.id);
    const notification = await notifyUser(before.id);
    await subscribePush(database.db, after.id, { endpoint: sub.endpoint, keys: browserKeys() });

    await round(new Date());
    expect(requestsTo(sub.path)).toHaveLength(0);
    expect(await outboxRow(notification.id, sub.id)).toMatchObject({ status: "failed", lastError: "subscription moved to another account" });
  });

  it("queues for the browsers subscribed at the time, and nothing with push off or on rollback", async () => {
    const db = database.db;
    const none = await makeUser(db);
    const early = await notifyUser(none.id, "before subscribing");
    const sub = await browser(none.id);
    expect(await db.$count(pushOutbox, eq(pushOutbox.notificationId, early.id))).toBe(0);
    expect(await db.$count(pushOutbox, eq(pushOutbox.subscriptionId, sub.id))).toBe(0);

    const off = await makeUser(db);
    await browser(off.id);
    await setNotificationPreference(db, off.id, "device_noncompliant", "push", false);
    expect(await db.$count(pushOutbox, eq(pushOutbox.notificationId, (await notifyUser(off.id)).id))).toBe(0);

    const rolledBack = await db
      .transaction(async (tx) => {
        await notify(tx, none.id, { kind: "device_noncompliant", title: "rolled back", body: "-" }, { emailEnabled: false });
        expect(await tx.$count(pushOutbox, eq(pushOutbox.subscriptionId, sub.id))).toBe(1);
        tx.rollback();
      })
      .catch(() => "rolled back");
    expect(rolledBack).toBe("rolled back");
    expect(await db.$count(pushOutbox, eq(pushOutbox.subscriptionId, sub.id))).toBe(0);
  });

  it("finds due pushes through the partial index on pending rows", async () => {
    const db = database.db;
    const user = await makeUser(db);
    const sub = await browser(user.id);
    // Many delivered rows and a few pending ones, as in a database that has been running a while.
    await db.execute(sql`insert into notifications (user_id, kind, title, body) select ${user.id}, 'ticket_reply', 'n' || i, '-' from generate_series(1, 3000) i`);
    await db.execute(
      sql`insert into push_outbox (notification_id, subscription_id, status, attempts, sent_at) select id, ${sub.id}, 'sent', 1, now() from notifications where user_id = ${user.id}`,
    );
    await db.execute(sql`analyze push_outbox`);
    const [index] = await queryRows<{ indexdef: string }>(db, sql`select indexdef from pg_indexes where indexname = 'push_outbox_due_idx'`);
    expect(index!.indexdef).toMatch(/\(next_attempt_at\) WHERE \(status = 'pending'/);

    // As the drivers run it: a prepared statement, whose generic plan must still match the index.
    const query = duePushQuery(db, new Date(), 50).toSQL();
    expect(query.params).toHaveLength(2);
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
      await tx.execute(sql.raw(`prepare due_push (timestamptz, integer) as ${query.sql}`));
      const rows = await queryRows<{ "QUERY PLAN": string }>(tx, sql`explain execute due_push (now(), 50)`);
      await tx.execute(sql`deallocate due_push`);
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("Index Scan using push_outbox_due_idx on push_outbox");
    await db.delete(notifications).where(eq(notifications.userId, user.id));
  });
});

describe("push endpoints", () => {
  it("refuses an endpoint off the push service allowlist with a BAD_REQUEST that says why, storing nothing", async () => {
    const db = database.db;
    const user = await makeUser(db);
    for (const endpoint of ["https://push.example.com/x", "http://10.0.0.1/push", `http://localhost:${new URL(origin).port}/ok/x`, "https://169.254.169.254/latest"]) {
      const error = await subscribePush(db, user.id, { endpoint, keys: browserKeys() }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, endpoint).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
      expect((error as TRPCError).message).toMatch(/^must be a push service URL \(https:\/\/fcm\.googleapis\.com\/.*add the host to WARD_PUSH_HOSTS/);
    }
    expect(await db.$count(pushSubscriptions, eq(pushSubscriptions.userId, user.id))).toBe(0);
    expect(await db.$count(auditEvents, eq(auditEvents.subjectUserId, user.id))).toBe(0);
  });

  it("accepts a known push service, refuses bad keys, and unsubscribes only one's own", async () => {
    const db = database.db;
    const [a, b] = [await makeUser(db), await makeUser(db)];
    await expect(subscribePush(db, a.id, { endpoint: "https://fcm.googleapis.com/fcm/send/x", keys: { p256dh: "short", auth: "x" } })).rejects.toThrow();
    const endpoint = `https://fcm.googleapis.com/fcm/send/${crypto.randomUUID()}`;
    await subscribePush(db, a.id, { endpoint, keys: browserKeys() });
    expect(await unsubscribePush(db, b.id, endpoint)).toBe(false);
    expect(await unsubscribePush(db, a.id, endpoint)).toBe(true);
    expect(await db.$count(pushSubscriptions, eq(pushSubscriptions.endpoint, endpoint))).toBe(0);
  });
});
