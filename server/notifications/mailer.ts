import { desc, eq } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { emailOutbox } from "@/db/schema";
import type { Db } from "@/db/types";
import { env } from "../env";

export type OutboxEmail = { to: string; subject: string; text: string; html: string | null };
export type Sender = { name: string; address: string };

/**
 * An SMTP transport for a smtp:// or smtps:// URL. Short timeouts: the delivery task sends inside
 * the scheduler's transaction, and a mail server that hangs must not hold it for minutes
 * (nodemailer's default connection timeout is two minutes); the row is simply retried later.
 */
export function createMailTransport(url: string): Transporter {
  return nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
}

let cached: Transporter | null | undefined;

/** The transport from SMTP_URL, or null (demo without SMTP: mail stays in the outbox, read on the demo mailbox). */
export function defaultMailTransport(): Transporter | null {
  if (cached === undefined) cached = env().smtpUrl ? createMailTransport(env().smtpUrl!) : null;
  return cached;
}

/** Sends one outbox row; the display name is the organization's, the address SMTP_FROM. */
export async function sendOutboxEmail(transport: Transporter, from: Sender, email: OutboxEmail): Promise<void> {
  await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text, html: email.html ?? undefined });
}

/**
 * The demo mailbox: the signed-in user's own e-mails, newest first, straight from the outbox.
 * Scoped to one user on purpose: even in a demo, one person does not read another's mail.
 */
export async function listDemoMailbox(db: Db, userId: string, limit = 50) {
  return db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      text: emailOutbox.text,
      html: emailOutbox.html,
      status: emailOutbox.status,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.userId, userId))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(Math.min(Math.max(limit, 1), 200));
}
