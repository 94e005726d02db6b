import { EventEmitter } from "node:events";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { Db, Tx } from "@/db/types";

/** The Postgres channel that carries "device X: check in now". */
export const DEVICE_SIGNAL_CHANNEL = "ward_device_signal";

/**
 * Tells the device to check in now. Sent with pg_notify in the caller's transaction: Postgres
 * delivers it at commit (never for a rolled-back change) to every app instance listening, so
 * whichever instance holds the device's event stream passes it on.
 */
export async function signalDevice(tx: Tx | Db, deviceId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${DEVICE_SIGNAL_CHANNEL}, ${deviceId})`);
}

/** Listens on the channel with the process's database (LISTEN on postgres.js or PGlite). */
export async function listenForDeviceSignals(database: Database, onSignal: (deviceId: string) => void): Promise<() => Promise<void>> {
  if (database.driver === "pglite") {
    const unsubscribe = await database.client.listen(DEVICE_SIGNAL_CHANNEL, onSignal);
    return unsubscribe;
  }
  const subscription = await database.client.listen(DEVICE_SIGNAL_CHANNEL, (payload) => onSignal(payload));
  return () => subscription.unlisten();
}

/**
 * One LISTEN per process, fanned out in memory to the event streams this process holds.
 */
export class DeviceSignalHub {
  private emitter = new EventEmitter();
  private stop: (() => Promise<void>) | null = null;

  constructor(private database: Database) {
    this.emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    this.stop ??= await listenForDeviceSignals(this.database, (deviceId) => this.emitter.emit(deviceId));
  }

  /** Calls `onSignal` whenever the device is signalled; returns the unsubscribe function. */
  subscribe(deviceId: string, onSignal: () => void): () => void {
    this.emitter.on(deviceId, onSignal);
    return () => this.emitter.off(deviceId, onSignal);
  }

  listenerCount(): number {
    return this.emitter.eventNames().reduce((sum, name) => sum + this.emitter.listenerCount(name), 0);
  }

  async close(): Promise<void> {
    await this.stop?.();
    this.stop = null;
  }
}
