import { and, eq } from "drizzle-orm";
import { notificationPreferences } from "@/db/schema";
import type { Db } from "@/db/types";
import type { NotificationKind } from "./notifications";

export const NOTIFICATION_KINDS = ["device_enrolled", "device_noncompliant", "command_finished", "command_failed", "ticket_reply"] as const satisfies readonly NotificationKind[];
/** In-app is the record every other channel fans out from, so only e-mail and push can be turned off. */
export const OPTIONAL_CHANNELS = ["email", "push"] as const;
export type OptionalChannel = (typeof OPTIONAL_CHANNELS)[number];

/**
 * Defaults when the user has not chosen. "Action finished" is the answer to something the user
 * just did on screen, so it is not worth an e-mail; push is opt-in per device anyway (a
 * subscription), so every kind is on once the user subscribes.
 */
const DEFAULTS: Record<OptionalChannel, Record<NotificationKind, boolean>> = {
  email: { device_enrolled: true, device_noncompliant: true, command_finished: false, command_failed: true, ticket_reply: true },
  push: { device_enrolled: true, device_noncompliant: true, command_finished: true, command_failed: true, ticket_reply: true },
};

export type PreferenceMatrix = Record<NotificationKind, Record<OptionalChannel, boolean>>;

/** The user's effective preferences: their choices over the defaults, for every kind and channel. */
export async function getNotificationPreferences(db: Db, userId: string): Promise<PreferenceMatrix> {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const matrix = Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, { email: DEFAULTS.email[kind], push: DEFAULTS.push[kind] }]),
  ) as PreferenceMatrix;
  for (const row of rows) {
    if (row.channel !== "in_app" && row.kind in matrix) matrix[row.kind as NotificationKind][row.channel] = row.enabled;
  }
  return matrix;
}

/** Whether one kind goes out on one channel for this user (read inside notify's transaction). */
export async function channelEnabled(db: Db, userId: string, kind: NotificationKind, channel: OptionalChannel): Promise<boolean> {
  const [row] = await db
    .select({ enabled: notificationPreferences.enabled })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind), eq(notificationPreferences.channel, channel)));
  return row?.enabled ?? DEFAULTS[channel][kind];
}

/** Stores one choice (an explicit row even when it equals the default, so later default changes do not override it). */
export async function setNotificationPreference(db: Db, userId: string, kind: NotificationKind, channel: OptionalChannel, enabled: boolean) {
  await db
    .insert(notificationPreferences)
    .values({ userId, kind, channel, enabled })
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind, notificationPreferences.channel], set: { enabled } });
  return getNotificationPreferences(db, userId);
}
