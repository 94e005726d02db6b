import { notifications } from "@/db/schema";
import type { Tx } from "@/db/types";

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
