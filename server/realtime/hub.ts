import "server-only";
import { getDatabase } from "../db";
import { DeviceSignalHub } from "./device-signals";

// One LISTEN connection per process, shared by every event stream this process serves.
const holder = globalThis as unknown as { __wardSignalHub?: Promise<DeviceSignalHub> };

export function deviceSignalHub(): Promise<DeviceSignalHub> {
  holder.__wardSignalHub ??= (async () => {
    const hub = new DeviceSignalHub(await getDatabase());
    await hub.start();
    return hub;
  })();
  return holder.__wardSignalHub;
}
