import { createECDH, randomBytes } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, pushSubscriptions } from "@/db/schema";
import { deliverOutbox } from "@/server/jobs/deliver-outbox";
import { runTask } from "@/server/jobs/scheduler";
import { setNotificationPreference } from "@/server/services/notification-preferences";
import { notify } from "@/server/services/notifications";
import { subscribePush, unsubscribePush } from "@/server/services/push-subscriptions";
import { makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();

type PushRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: Buffer };

/** A push service on 127.0.0.1: /gone/* answers 410 (subscription expired), everything else 201. */
const received: PushRequest[] = [];
const service = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
    res.writeHead(req.url?.startsWith("/gone/") ? 410 : 201).end();
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

/** Keys as a browser makes them: an ECDH P-256 public key and 16 random auth bytes, base64url. */
function browserKeys() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") };
}

async function notifyUser(userId: string) {
  await database.db.transaction((tx) =>
    notify(tx, userId, { kind: "device_noncompliant", title: "Pixel is out of compliance", body: "Update it by Friday.", link: "/devices/p" }, { emailEnabled: false }),
  );
  const [row] = await database.db.select().from(notifications).where(eq(notifications.userId, userId));
  return row!;
}

describe("web push to a push service on 127.0.0.1", () => {
  it("sends an encrypted VAPID request to each subscription and removes the one answering 410", async () => {
    const db = database.db;
    const user = await makeUser(db);
    const ok = `${origin}/ok/${crypto.randomUUID()}`;
    const gone = `${origin}/gone/${crypto.randomUUID()}`;
    await subscribePush(db, user.id, { endpoint: ok, keys: browserKeys() });
    await subscribePush(db, user.id, { endpoint: gone, keys: browserKeys() });

    const notification = await notifyUser(user.id);
    expect(notification.data.push).toBe("pending");
    received.length = 0;
    expect(await runTask(db, task, new Date())).toBe(1);

    expect(received.map((r) => r.path).sort()).toEqual([new URL(gone).pathname, new URL(ok).pathname].sort());
    for (const request of received) {
      expect(request.method).toBe("POST");
      expect(request.headers["content-encoding"]).toBe("aes128gcm");
      expect(request.headers["ttl"]).toBe("86400");
      expect(request.headers["authorization"]).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`));
      expect(request.body.length).toBeGreaterThan(0);
      // Encrypted: the title must not travel in clear text.
      expect(request.body.toString("latin1")).not.toContain("compliance");
    }

    const remaining = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, user.id));
    expect(remaining.map((s) => s.endpoint)).toEqual([ok]);
    expect(remaining[0]!.lastUsedAt).not.toBeNull();
    const [after] = await db.select().from(notifications).where(eq(notifications.id, notification.id));
    expect(after!.data).toMatchObject({ push: "sent" });

    // Delivered once: the next round has nothing to send.
    received.length = 0;
    expect(await runTask(db, task, new Date())).toBe(0);
    expect(received).toHaveLength(0);
  });

  it("does not mark for push without a subscription or with push turned off", async () => {
    const db = database.db;
    const none = await makeUser(db);
    expect((await notifyUser(none.id)).data.push).toBeUndefined();

    const off = await makeUser(db);
    await subscribePush(db, off.id, { endpoint: `${origin}/ok/${crypto.randomUUID()}`, keys: browserKeys() });
    await setNotificationPreference(db, off.id, "device_noncompliant", "push", false);
    expect((await notifyUser(off.id)).data.push).toBeUndefined();
  });

  it("accepts only https endpoints (http only on 127.0.0.1) and unsubscribes only one's own", async () => {
    const db = database.db;
    const [a, b] = [await makeUser(db), await makeUser(db)];
    await expect(subscribePush(db, a.id, { endpoint: "http://10.0.0.1/push", keys: browserKeys() })).rejects.toThrow(/https/);
    await expect(subscribePush(db, a.id, { endpoint: "https://push.example.com/x", keys: { p256dh: "short", auth: "x" } })).rejects.toThrow();
    const endpoint = `https://push.example.com/${crypto.randomUUID()}`;
    await subscribePush(db, a.id, { endpoint, keys: browserKeys() });
    expect(await unsubscribePush(db, b.id, endpoint)).toBe(false);
    expect(await unsubscribePush(db, a.id, endpoint)).toBe(true);
    expect(await db.$count(pushSubscriptions, eq(pushSubscriptions.endpoint, endpoint))).toBe(0);
  });
});
