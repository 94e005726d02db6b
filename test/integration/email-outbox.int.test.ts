import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, describe, expect, it } from "vitest";
import { emailOutbox, settings } from "@/db/schema";
import { deliverOutbox, MAX_EMAIL_ATTEMPTS, type DeliveryDeps } from "@/server/jobs/deliver-outbox";
import { runTask } from "@/server/jobs/scheduler";
import { createMailTransport } from "@/server/notifications/mailer";
import { setNotificationPreference } from "@/server/services/notification-preferences";
import { notify, type NotificationKind } from "@/server/services/notifications";
import { makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();
const MINUTE = 60_000;
const ORG = "Acme Test Corp";

type Received = { from: string; to: string[]; raw: string };

/** A real SMTP peer on 127.0.0.1 that keeps every message it accepts. */
async function startSmtp(port = 0) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: nodemailer would otherwise upgrade to TLS with a self-signed certificate.
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  server.listen(port, "127.0.0.1");
  await once(server.server, "listening");
  const address = server.server.address() as AddressInfo;
  return { received, port: address.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The MIME parts of a raw message with their decoded bodies (quoted-printable or base64). */
function mimeParts(raw: string): { type: string; body: string }[] {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) return [];
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [head = "", ...rest] = part.split(/\r?\n\r?\n/);
      const body = rest.join("\n\n");
      const type = /content-type:\s*([^;\s]+)/i.exec(head)?.[1]?.toLowerCase() ?? "";
      const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase();
      const decoded =
        encoding === "base64"
          ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
          : encoding === "quoted-printable"
            ? Buffer.from(body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))), "latin1").toString("utf8")
            : body;
      return { type, body: decoded };
    });
}

const deps = (port: number): DeliveryDeps => ({
  transport: createMailTransport(`smtp://127.0.0.1:${port}`),
  fromAddress: "ward@acme.test",
  vapid: null,
});
const task = (d: DeliveryDeps) => ({ name: "deliver-outbox", run: (db: typeof database.db, now: Date) => deliverOutbox(db, now, d) });

async function notifyUser(userId: string, kind: NotificationKind, extra: { title?: string; body?: string; data?: Record<string, unknown> } = {}) {
  await database.db.transaction((tx) =>
    notify(
      tx,
      userId,
      { kind, title: extra.title ?? "Pixel is out of compliance", body: extra.body ?? "Fix it by Friday to keep access: the OS is too old.", link: "/devices/x", data: extra.data },
      { emailEnabled: true, baseUrl: "https://ward.acme.test" },
    ),
  );
  return database.db.select().from(emailOutbox).where(eq(emailOutbox.userId, userId));
}

describe("e-mail notifications through the outbox and a real SMTP peer", () => {
  const servers: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close().catch(() => {})));
  });

  it("queues a branded noncompliance e-mail in the notify transaction and the SMTP peer receives it", async () => {
    const db = database.db;
    await db
      .insert(settings)
      .values({ key: "branding", value: { organizationName: ORG, themeColor: "#123456" } })
      .onConflictDoUpdate({ target: settings.key, set: { value: { organizationName: ORG, themeColor: "#123456" } } });
    const user = await makeUser(db);
    const deadline = "2031-03-14T15:30:00.000Z";
    const rows = await notifyUser(user.id, "device_noncompliant", {
      title: "Pixel <8> is out of compliance",
      body: "Fix it by Friday 14 March to keep access: OS version 12 is below the minimum 13.",
      data: { graceDeadline: deadline },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ to: user.email, status: "pending", attempts: 0 });

    const smtp = await startSmtp();
    servers.push(smtp);
    const now = new Date();
    expect(await runTask(db, task(deps(smtp.port)), now)).toBe(1);

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to).toEqual([user.email]);
    expect(mail!.from).toBe("ward@acme.test");
    expect(mail!.raw).toMatch(new RegExp(`^From: ${ORG} <ward@acme\\.test>`, "m"));
    expect(mail!.raw).toMatch(/^Subject: \[Acme Test Corp\] Pixel <8> is out of compliance/m);
    const parts = mimeParts(mail!.raw);
    expect(parts.map((p) => p.type).sort()).toEqual(["text/html", "text/plain"]);
    const text = parts.find((p) => p.type === "text/plain")!.body;
    const html = parts.find((p) => p.type === "text/html")!.body;
    for (const body of [text, html]) {
      expect(body).toContain(ORG);
      expect(body).toContain("OS version 12 is below the minimum 13");
      expect(body).toContain("14 March 2031 at 15:30 UTC");
      expect(body).toContain("https://ward.acme.test/devices/x");
    }
    expect(text).toMatch(/^Deadline: Friday, 14 March 2031 at 15:30 UTC$/m);
    // Names are escaped in HTML, and the theme colour brands the header.
    expect(html).toContain("Pixel &lt;8&gt; is out of compliance");
    expect(html).not.toContain("<8>");
    expect(html).toContain("#123456");

    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, rows[0]!.id));
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(row!.sentAt).toEqual(now);
  });

  it("adds the 'not you?' link to a new-enrollment e-mail", async () => {
    const user = await makeUser(database.db);
    const [row] = await notifyUser(user.id, "device_enrolled", { title: "New device enrolled", body: "Pixel was enrolled to your account." });
    expect(row!.text).toContain("Not you? Report it: https://ward.acme.test/notifications");
    expect(row!.html).toContain('href="https://ward.acme.test/notifications"');
  });

  it("retries a failed send with backoff and delivers it once the server is back", async () => {
    const db = database.db;
    const smtp = await startSmtp();
    const port = smtp.port;
    await smtp.close();
    const user = await makeUser(db);
    const [queued] = await notifyUser(user.id, "command_failed", { title: "Lock failed", body: "Pixel reported a failure." });

    const t0 = new Date();
    await runTask(db, task(deps(port)), t0);
    let [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, queued!.id));
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(row!.nextAttemptAt.getTime()).toBe(t0.getTime() + MINUTE);

    // Not due yet: a run before the backoff has passed leaves it alone even with the server up.
    const back = await startSmtp(port);
    servers.push(back);
    await runTask(db, task(deps(port)), new Date(t0.getTime() + 30_000));
    expect(back.received).toHaveLength(0);

    await runTask(db, task(deps(port)), new Date(t0.getTime() + 2 * MINUTE));
    // (The earlier test's enrollment e-mail, still pending, goes out in the same round.)
    expect(back.received.filter((m) => m.to.includes(user.email))).toHaveLength(1);
    expect(back.received.find((m) => m.to.includes(user.email))!.raw).toContain("Lock failed");
    [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, queued!.id));
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
  });

  it(`marks a message failed after ${MAX_EMAIL_ATTEMPTS} attempts`, async () => {
    const db = database.db;
    const smtp = await startSmtp();
    await smtp.close();
    const user = await makeUser(db);
    const [queued] = await notifyUser(user.id, "ticket_reply", { title: "IT replied", body: "Try restarting it." });
    await db.update(emailOutbox).set({ attempts: MAX_EMAIL_ATTEMPTS - 1 }).where(eq(emailOutbox.id, queued!.id));
    await runTask(db, task(deps(smtp.port)), new Date(Date.now() + MINUTE));
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, queued!.id));
    expect(row).toMatchObject({ status: "failed", attempts: MAX_EMAIL_ATTEMPTS });
  });

  it("queues nothing when the e-mail preference is off, or by default for finished actions", async () => {
    const db = database.db;
    const user = await makeUser(db);
    await setNotificationPreference(db, user.id, "device_noncompliant", "email", false);
    expect(await notifyUser(user.id, "device_noncompliant")).toHaveLength(0);
    expect(await notifyUser(user.id, "command_finished", { title: "Lock done", body: "Locked." })).toHaveLength(0);
    await setNotificationPreference(db, user.id, "command_finished", "email", true);
    expect(await notifyUser(user.id, "command_finished", { title: "Lock done", body: "Locked." })).toHaveLength(1);
  });
});
