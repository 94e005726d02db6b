import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { notifications } from "@/db/schema";
import type { Db, Tx } from "@/db/types";

export type NotificationKind = "device_enrolled" | "device_noncompliant" | "command_finished" | "command_failed" | "ticket_reply";

/**
 * Records an in-app notification in the caller's transaction, so it exists exactly when the change
 * that caused it does. E-mail and web push (a later issue) fan out from these rows.
 */
export async function notify(
  tx: Tx,
  userId: string,
  notification: { kind: NotificationKind; title: string; body: string; link?: string; data?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(notifications).values({ userId, ...notification });
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
