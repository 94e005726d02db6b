import { randomBytes } from "node:crypto";
import { SimulatedDevice } from "./simulated-device";

const platforms = [
  { platform: "ios", osVersion: "17.5", model: "iPhone 15", manufacturer: "Apple" },
  { platform: "android", osVersion: "14", model: "Pixel 8", manufacturer: "Google" },
  { platform: "windows", osVersion: "10.0.22631", model: "Latitude 7440", manufacturer: "Dell" },
  { platform: "macos", osVersion: "14.5", model: "MacBook Air", manufacturer: "Apple" },
] as const;

/** Facts for the n-th simulated device: platforms in turn, unique serials. */
export function simulatedFacts(n: number) {
  const base = platforms[n % platforms.length]!;
  return {
    facts: { ...base, serial: `SIM${randomBytes(5).toString("hex").toUpperCase()}` },
    inventory: { passcodeSet: true, encrypted: true, jailbroken: false, storageTotalGb: 256, storageFreeGb: 120 },
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export type FleetSummary = { devices: number; checkIns: number; commands: number; errors: number; seconds: number; checkInsPerSecond: number; latencyP50Ms: number; latencyP95Ms: number };

/** Enrolls one device per code (a few at a time), then runs them all in this process. */
export async function runFleet(options: { server: string; codes: string[]; intervalSeconds: number; concurrency?: number; log?: (line: string) => void }) {
  const log = options.log ?? (() => {});
  const devices: SimulatedDevice[] = [];
  const queue = options.codes.map((code, n) => ({ code, n }));
  const workers = Array.from({ length: options.concurrency ?? 8 }, async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const { facts, inventory } = simulatedFacts(item.n);
      const device = new SimulatedDevice(options.server, facts, inventory);
      await device.enroll(item.code);
      devices.push(device);
      if (devices.length % 25 === 0 || devices.length === options.codes.length) log(`enrolled ${devices.length}/${options.codes.length}`);
    }
  });
  await Promise.all(workers);
  const started = performance.now();
  await Promise.all(devices.map((device) => device.run(options.intervalSeconds)));
  return {
    devices,
    stop(): FleetSummary {
      for (const device of devices) device.stop();
      const seconds = (performance.now() - started) / 1000;
      const sum = (pick: (d: SimulatedDevice) => number) => devices.reduce((total, d) => total + pick(d), 0);
      const latencies = devices.flatMap((d) => d.stats.commandLatenciesMs);
      const checkIns = sum((d) => d.stats.checkIns);
      return {
        devices: devices.length,
        checkIns,
        commands: sum((d) => d.stats.commands),
        errors: sum((d) => d.stats.errors),
        seconds: Math.round(seconds * 10) / 10,
        checkInsPerSecond: Math.round((checkIns / seconds) * 10) / 10,
        latencyP50Ms: Math.round(percentile(latencies, 50)),
        latencyP95Ms: Math.round(percentile(latencies, 95)),
      };
    },
  };
}
