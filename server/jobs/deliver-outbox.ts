/**
 * Delivers what notify() queued: due e-mail from email_outbox, and due web push from push_outbox
 * (deliver-push.ts). Runs as a scheduler task (inside its transaction), so rows are claimed with
 * FOR UPDATE SKIP LOCKED: two instances never send the same row at once. Delivery is at least
 * once: a crash after sending but before commit sends that row again next round.
 */
import { and, asc, eq, lte } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import { emailOutbox } from "@/db/schema";
import type { Db } from "@/db/types";
import { env } from "../env";
import { defaultMailTransport, sendOutboxEmail } from "../notifications/mailer";
import { vapidConfig, type Vapid } from "../notifications/push";
import { getBranding } from "../services/settings";
import { deliverPush } from "./deliver-push";

export type DeliveryDeps = {
  /** null: no SMTP (demo mailbox) and e-mail stays pending. */
  transport: Transporter | null;
  fromAddress: string;
  /** null: push is off and pending pushes wait. */
  vapid: Vapid | null;
  /** Rows per channel per round; the rest goes next round. */
  batch?: number;
};

export const MAX_EMAIL_ATTEMPTS = 8;
// Minutes to wait after the 1st, 2nd, ... failure: a brief SMTP outage is bridged quickly, a long
// one is retried for about two days (1+5+30+120+360+720+1440 min) before the row is marked failed.
const BACKOFF_MINUTES = [1, 5, 30, 120, 360, 720, 1440];

export function nextAttemptDelayMs(attempts: number): number {
  return BACKOFF_MINUTES[Math.min(attempts - 1, BACKOFF_MINUTES.length - 1)]! * 60_000;
}

function defaultDeps(): DeliveryDeps {
  return { transport: defaultMailTransport(), fromAddress: env().smtpFrom, vapid: vapidConfig() };
}

async function deliverEmail(db: Db, now: Date, deps: DeliveryDeps, batch: number): Promise<number> {
  if (!deps.transport) return 0;
  const due = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now)))
    .orderBy(asc(emailOutbox.nextAttemptAt))
    .limit(batch)
    .for("update", { skipLocked: true });
  if (due.length === 0) return 0;
  const from = { name: (await getBranding(db)).organizationName, address: deps.fromAddress };
  for (const row of due) {
    try {
      await sendOutboxEmail(deps.transport, from, row);
      await db.update(emailOutbox).set({ status: "sent", sentAt: now, attempts: row.attempts + 1, lastError: null }).where(eq(emailOutbox.id, row.id));
    } catch (error) {
      const attempts = row.attempts + 1;
      const gaveUp = attempts >= MAX_EMAIL_ATTEMPTS;
      await db
        .update(emailOutbox)
        .set({
          attempts,
          status: gaveUp ? "failed" : "pending",
          nextAttemptAt: gaveUp ? row.nextAttemptAt : new Date(now.getTime() + nextAttemptDelayMs(attempts)),
          lastError: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
        })
        .where(eq(emailOutbox.id, row.id));
    }
  }
  return due.length;
}

/** The scheduler task: answers how many e-mails and push notifications it handled. */
export async function deliverOutbox(db: Db, now: Date, deps: DeliveryDeps = defaultDeps()): Promise<number> {
  const batch = deps.batch ?? 50;
  return (await deliverEmail(db, now, deps, batch)) + (await deliverPush(db, now, deps.vapid, batch));
}
