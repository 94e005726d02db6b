/**
 * Ward's device simulator (`npm run device -- <command>`): a real protocol client, no database.
 *   enroll --code CODE --server URL [--platform android --os 14 --model M --manufacturer X --serial S --imei I]
 *          [--state FILE] [--interval SECONDS]
 *   run    --state FILE [--interval SECONDS]          resume an enrolled device
 *   fleet  --count N --server URL --codes FILE [--interval SECONDS] [--duration SECONDS]
 * Ownership (personal or corporate) is chosen by the user when creating the code, not by the device.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { runFleet } from "./fleet";
import { SimulatedDevice } from "./simulated-device";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    code: { type: "string" },
    server: { type: "string", default: "http://localhost:3000" },
    platform: { type: "string", default: "android" },
    os: { type: "string", default: "14" },
    model: { type: "string", default: "Pixel 8" },
    manufacturer: { type: "string", default: "Google" },
    serial: { type: "string" },
    imei: { type: "string" },
    state: { type: "string" },
    interval: { type: "string", default: "60" },
    count: { type: "string" },
    codes: { type: "string" },
    duration: { type: "string" },
  },
});

const stamp = () => new Date().toISOString();
const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

async function single(device: SimulatedDevice, stateFile: string) {
  await device.run(Number(values.interval));
  const stop = () => {
    device.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // Retire and wipe make the device forget its secret and exit.
  const watch = setInterval(() => {
    if (!device.state.gone) return;
    clearInterval(watch);
    fs.rmSync(stateFile, { force: true });
    console.log(`${stamp()} device=${device.deviceId} gone; state file removed`);
    process.exit(0);
  }, 200);
}

async function main() {
  const [command] = positionals;
  if (command === "enroll") {
    const code = values.code ?? fail("enroll needs --code CODE (create one in the portal)");
    const facts = { platform: values.platform!, osVersion: values.os!, model: values.model, manufacturer: values.manufacturer, serial: values.serial ?? `SIM${Date.now().toString(36).toUpperCase()}`, imei: values.imei };
    const inventory = { passcodeSet: true, encrypted: true, jailbroken: false, storageTotalGb: 128, storageFreeGb: 64 };
    const device = new SimulatedDevice(values.server!, facts, inventory, (line) => console.log(`${stamp()} device=${device.deviceId ?? "-"} ${line}`));
    await device.enroll(code);
    const stateFile = values.state ?? `.data/simulator-${device.deviceId}.json`;
    fs.mkdirSync(stateFile.replace(/[^/]+$/, "") || ".", { recursive: true });
    fs.writeFileSync(stateFile, JSON.stringify({ server: values.server, deviceId: device.deviceId, secret: device.client.deviceSecret, facts, inventory }), { mode: 0o600 });
    console.log(`${stamp()} device=${device.deviceId} state saved to ${stateFile}`);
    await single(device, stateFile);
  } else if (command === "run") {
    const stateFile = values.state ?? fail("run needs --state FILE");
    const saved = JSON.parse(fs.readFileSync(stateFile, "utf8"));
    const device = new SimulatedDevice(saved.server, saved.facts, saved.inventory, (line) => console.log(`${stamp()} device=${saved.deviceId} ${line}`), saved.secret);
    device.deviceId = saved.deviceId;
    await single(device, stateFile);
  } else if (command === "fleet") {
    const count = Number(values.count ?? fail("fleet needs --count N"));
    const codesFile = values.codes ?? fail("fleet needs --codes FILE (one enrollment code per line)");
    const codes = fs.readFileSync(codesFile, "utf8").split(/\s+/).filter(Boolean).slice(0, count);
    if (codes.length < count) fail(`${codesFile} holds ${codes.length} codes, ${count} needed`);
    const fleet = await runFleet({ server: values.server!, codes, intervalSeconds: Number(values.interval), log: (line) => console.log(`${stamp()} fleet ${line}`) });
    const finish = () => {
      console.log(`${stamp()} fleet summary ${JSON.stringify(fleet.stop())}`);
      process.exit(0);
    };
    process.once("SIGINT", finish);
    process.once("SIGTERM", finish);
    if (values.duration) setTimeout(finish, Number(values.duration) * 1000);
  } else {
    fail("usage: npm run device -- <enroll|run|fleet> [options]  (see test/simulator/cli.ts)");
  }
}

main().catch((error: unknown) => {
  console.error(`${stamp()} ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
