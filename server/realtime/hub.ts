import "server-only";
import { getDatabase } from "../db";
import { DeviceSignalHub } from "./device-signals";
import { UserSignalHub } from "./user-signals";

// One LISTEN connection per process, shared by every event stream this process serves.
const holder = globalThis as unknown as { __wardSignalHub?: Promise<DeviceSignalHub>; __wardUserHub?: Promise<UserSignalHub> };

export function deviceSignalHub(): Promise<DeviceSignalHub> {
  holder.__wardSignalHub ??= (async () => {
    const hub = new DeviceSignalHub(await getDatabase());
    await hub.start();
    return hub;
  })();
  return holder.__wardSignalHub;
}

/** The process's listener for users' live updates (portal screens). */
export function userSignalHub(): Promise<UserSignalHub> {
  holder.__wardUserHub ??= (async () => {
    const hub = new UserSignalHub(await getDatabase());
    await hub.start();
    return hub;
  })();
  return holder.__wardUserHub;
}
