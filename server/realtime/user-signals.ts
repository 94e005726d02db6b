import { EventEmitter, on } from "node:events";
import type { Database } from "@/db/client";

/** Set by database triggers (db/migrations/0002_live_signals.sql) on every change a user may watch. */
export const USER_SIGNAL_CHANNEL = "ward_user_signal";

export type UserTopic = "devices" | "commands" | "notifications" | "enrollment" | "terms" | "tickets";
export type UserSignal = { userId: string; topic: UserTopic };

export function parseUserSignal(payload: string): UserSignal | null {
  try {
    const { u, t } = JSON.parse(payload) as { u?: string; t?: UserTopic };
    return u && t ? { userId: u, topic: t } : null;
  } catch {
    return null;
  }
}

/** One LISTEN per process, fanned out in memory to the live streams of signed-in users. */
export class UserSignalHub {
  private emitter = new EventEmitter();
  private stop: (() => Promise<void>) | null = null;

  constructor(private database: Database) {
    this.emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (this.stop) return;
    const onPayload = (payload: string) => {
      const signal = parseUserSignal(payload);
      if (signal) this.emitter.emit(signal.userId, signal.topic);
    };
    if (this.database.driver === "pglite") {
      this.stop = await this.database.client.listen(USER_SIGNAL_CHANNEL, onPayload);
    } else {
      const subscription = await this.database.client.listen(USER_SIGNAL_CHANNEL, onPayload);
      this.stop = () => subscription.unlisten();
    }
  }

  subscribe(userId: string, onTopic: (topic: UserTopic) => void): () => void {
    this.emitter.on(userId, onTopic);
    return () => this.emitter.off(userId, onTopic);
  }

  /** The topics signalled for one user, as an async iterable that ends when `signal` aborts. */
  async *topics(userId: string, signal: AbortSignal | undefined): AsyncGenerator<UserTopic> {
    for await (const [topic] of on(this.emitter, userId, { signal })) yield topic as UserTopic;
  }

  async close(): Promise<void> {
    await this.stop?.();
    this.stop = null;
  }
}
