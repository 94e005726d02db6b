import type { Database } from "@/db/client";
import { parseUserSignal, USER_SIGNAL_CHANNEL } from "../realtime/user-signals";

/**
 * Starts delivery as soon as a notification is committed instead of at the next scheduler minute:
 * "a new device was enrolled on your account, not you?" is only useful quickly. The notifications
 * table's trigger (db/migrations/0002_live_signals.sql) already signals every insert on the user
 * channel after commit, to every instance; the task's advisory lock lets one of them do the work.
 * Answers a function that stops listening.
 */
export async function wakeOnNotifications(database: Database, wake: () => void): Promise<() => Promise<void>> {
  const onPayload = (payload: string) => {
    if (parseUserSignal(payload)?.topic === "notifications") wake();
  };
  if (database.driver === "pglite") return database.client.listen(USER_SIGNAL_CHANNEL, onPayload);
  const subscription = await database.client.listen(USER_SIGNAL_CHANNEL, onPayload);
  return () => subscription.unlisten();
}
