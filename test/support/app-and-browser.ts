import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { SimulatedDevice } from "../simulator/simulated-device";
import { startApp, type AppServer } from "./app-server";
import { launchBrowser } from "./browser";

export type BrowserSuite = { app: AppServer; browser: Browser; devices: SimulatedDevice[] };

/**
 * What a browser test file shares: one app on its own database, one Chromium, and the simulated
 * devices its tests start. Started before the file's tests and stopped after them; read the fields
 * inside tests (they are set in beforeAll).
 */
export function appAndBrowser(options?: Parameters<typeof startApp>[0]): BrowserSuite {
  const suite = { devices: [] as SimulatedDevice[] } as BrowserSuite;
  beforeAll(async () => {
    [suite.app, suite.browser] = await Promise.all([startApp(options), launchBrowser()]);
  });
  afterAll(async () => {
    for (const device of suite.devices) device.stop();
    await suite.browser?.close();
    await suite.app?.stop();
  });
  return suite;
}
