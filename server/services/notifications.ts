import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { emailOutbox, notifications, pushOutbox, pushSubscriptions, users } from "@/db/schema";
import type { Db, Tx } from "@/db/types";
import { env } from "../env";
import { renderNotificationEmail } from "../notifications/email";
import { channelEnabled } from "./notification-preferences";
import { getBranding } from "./settings";

export type NotificationKind = "device_enrolled" | "device_noncompliant" | "command_finished" | "command_failed" | "ticket_reply";

export type NotifyOptions = {
  /** Queue e-mail at all: SMTP configured or demo mode (demo mailbox). Defaults from the environment. */
  emailEnabled?: boolean;
  /** Public URL for links in e-mails; defaults to NEXTAUTH_URL. */
  baseUrl?: string;
};

/**
 * Records a notification in the caller's transaction, so it exists exactly when the change that
 * caused it does, and fans it out in that same transaction (nothing is lost if the sender is down,
 * nothing is sent for a change that rolled back):
 * - e-mail: a rendered, branded row in email_outbox when the user's e-mail preference allows it;
 * - web push: when allowed, a push_outbox row for each of the user's browsers subscribed now; the
 *   deliver-outbox task sends them after commit and retries each browser on its own
 *   (server/jobs/deliver-push.ts). Nothing in the notification's data: the outbox is the record.
 */
export async function notify(
  tx: Tx,
  userId: string,
  notification: { kind: NotificationKind; title: string; body: string; link?: string; data?: Record<string, unknown> },
  options: NotifyOptions = {},
): Promise<void> {
  const [user] = await tx.select({ email: users.email, status: users.status }).from(users).where(eq(users.id, userId));
  // Departed or disabled people keep their in-app history but get nothing sent to them.
  const reachable = user?.status === "active";
  const [row] = await tx.insert(notifications).values({ userId, ...notification }).returning({ id: notifications.id });
  if (reachable && (await channelEnabled(tx, userId, notification.kind, "push"))) {
    const browsers = await tx.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
    if (browsers.length > 0) await tx.insert(pushOutbox).values(browsers.map((b) => ({ notificationId: row!.id, subscriptionId: b.id })));
  }

  const emailEnabled = options.emailEnabled ?? (!!env().smtpUrl || env().demo);
  if (reachable && emailEnabled && (await channelEnabled(tx, userId, notification.kind, "email"))) {
    const mail = renderNotificationEmail(await getBranding(tx), options.baseUrl ?? env().authUrl, notification);
    await tx.insert(emailOutbox).values({ userId, to: user.email, ...mail });
  }
}

export async function unreadNotificationCount(db: Db, userId: string): Promise<number> {
  return db.$count(notifications, and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

export async function listNotifications(db: Db, userId: string, limit = 50) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(limit);
}

/** Marks some (or all) of the user's notifications read; others' ids are ignored. */
export async function markNotificationsRead(db: Db, userId: string, ids: string[] | "all"): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids === "all" ? undefined : inArray(notifications.id, ids)))
    .returning({ id: notifications.id });
  return rows.length;
}
