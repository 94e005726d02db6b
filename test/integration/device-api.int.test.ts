import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/server/demo/accounts";
import { startApp, type AppServer } from "../support/app-server";
import { HttpClient } from "../support/http-client";
import { percentile } from "../simulator/fleet";
import { ProtocolClient, ProtocolError } from "../simulator/protocol-client";
import { SimulatedDevice } from "../simulator/simulated-device";

/**
 * Sam (demo data) has 2 devices and a limit of 5: the tests below enroll 3 at most at once
 * (the retired one stops counting).
 *
 * The device protocol end to end: `next start`, a simulated device speaking only HTTP, and its
 * owner acting through the portal's tRPC API as a signed-in user.
 */
let app: AppServer;
let owner: HttpClient;
const devices: SimulatedDevice[] = [];

async function trpc<T>(client: HttpClient, path: string, input: unknown, method: "query" | "mutation" = "mutation"): Promise<T> {
  const url = `${app.url}/api/trpc/${path}`;
  const response =
    method === "query"
      ? await client.request(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await client.request(url, { method: "POST", headers: { "content-type": "application/json", origin: app.url }, body: JSON.stringify({ json: input }) });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  if (!response.ok) throw new Error(`${path}: ${response.status} ${body.error?.json.message}`);
  return body.result!.data.json;
}

async function newCode(client = owner): Promise<string> {
  return (await trpc<{ code: string }>(client, "enrollment.createCode", { ownership: "personal" })).code;
}

async function signIn(email: string): Promise<HttpClient> {
  const client = new HttpClient();
  const { csrfToken } = (await (await client.request(`${app.url}/api/auth/csrf`)).json()) as { csrfToken: string };
  await client.form(`${app.url}/api/auth/callback/credentials`, { csrfToken, email, password: DEMO_PASSWORD, json: "true" });
  return client;
}

async function enrolledDevice(): Promise<SimulatedDevice> {
  const device = new SimulatedDevice(app.url, { platform: "android", osVersion: "14", model: "Pixel 8", manufacturer: "Google", serial: `SIM${Date.now()}` }, { passcodeSet: true, encrypted: true, jailbroken: false });
  await device.enroll(await newCode());
  devices.push(device);
  return device;
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeAll(async () => {
  app = await startApp();
  owner = await signIn("sam.taylor@ward.example");
});
afterAll(async () => {
  for (const device of devices) device.stop();
  await app?.stop();
});

describe("device protocol over HTTP", () => {
  it("delivers a lock over the push channel and the device completes it", async () => {
    const device = await enrolledDevice();
    await device.run(3600); // no polling: only the push channel can bring the command quickly
    await until(() => device.stats.checkIns >= 1);
    const requested = performance.now();
    const command = await trpc<{ id: string }>(owner, "devices.requestCommand", { deviceId: device.deviceId, kind: "lock", payload: { message: "Lost. Call me.", phone: "+44 20 7946 0000" } });
    await until(() => device.received.some((c) => c.id === command.id));
    console.log(`lock: request to device receipt ${Math.round(performance.now() - requested)} ms`);
    expect(device.state).toMatchObject({ locked: true, lostMessage: "Lost. Call me." });
    let status = "";
    for (let i = 0; i < 50 && status !== "completed"; i++) {
      const list = await trpc<{ id: string; status: string }[]>(owner, "devices.commands", { deviceId: device.deviceId }, "query");
      status = list.find((c) => c.id === command.id)?.status ?? "";
      if (status !== "completed") await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe("completed");
  });

  it("measures request-to-receipt latency over 100 commands", async () => {
    const device = await enrolledDevice();
    await device.run(3600);
    await until(() => device.stats.checkIns >= 1);
    const latencies: number[] = [];
    for (let i = 0; i < 100; i++) {
      const kind = i % 2 === 0 ? "lock" : "lost_mode_off";
      const seen = device.received.length;
      const reported = device.stats.reported;
      const started = performance.now();
      await trpc(owner, "devices.requestCommand", { deviceId: device.deviceId, kind });
      await until(() => device.received.length > seen);
      latencies.push(performance.now() - started);
      // The next request is allowed only once the server has the result (the device state changed there).
      await until(() => device.stats.reported > reported);
    }
    const p50 = Math.round(percentile(latencies, 50));
    const p95 = Math.round(percentile(latencies, 95));
    console.log(`push latency over 100 commands: median ${p50} ms, p95 ${p95} ms`);
    expect(latencies).toHaveLength(100);
    expect(p95).toBeLessThan(5_000);
  });

  it("stops accepting a device's secret once it confirmed a retire", async () => {
    const device = await enrolledDevice();
    await device.run(3600);
    await until(() => device.stats.checkIns >= 1);
    await trpc(owner, "devices.requestCommand", { deviceId: device.deviceId, kind: "retire" });
    await until(() => device.state.gone);
    const refused = await device.client.checkIn({}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProtocolError);
    expect((refused as ProtocolError).status).toBe(401);
  });

  it("answers protocol errors with the DESIGN codes", async () => {
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${app.url}/api/device/v1/${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    const expectError = async (response: Response, status: number, code: string) => {
      expect(response.status).toBe(status);
      const json = (await response.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe(code);
      expect(json.error.message.length).toBeGreaterThan(10);
    };
    await expectError(await post("enroll", "{not json"), 400, "invalid_request");
    await expectError(await post("enroll", JSON.stringify({ code: "ABCD" })), 400, "invalid_request");
    await expectError(await post("enroll", "x", { "content-type": "text/plain" }), 400, "invalid_request");
    await expectError(await post("enroll", JSON.stringify({ code: "X", padding: "y".repeat(40_000) })), 413, "payload_too_large");
    await expectError(await post("enroll", JSON.stringify({ code: "ZZZZ-ZZZZ", facts: { platform: "android", osVersion: "14" } })), 400, "invalid_code");
    await expectError(await post("checkin", "{}", { authorization: "Bearer not-a-secret" }), 401, "unknown_secret");
    await expectError(await fetch(`${app.url}/api/device/v1/events`), 401, "unknown_secret");

    const code = await newCode();
    const first = new ProtocolClient(app.url);
    await first.enroll(code, { platform: "android", osVersion: "14" }, {});
    const reused = await new ProtocolClient(app.url).enroll(code, { platform: "android", osVersion: "14" }, {}).catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(ProtocolError);
    expect((reused as ProtocolError).status).toBe(409);
    expect((reused as ProtocolError).code).toBe("code_used");

    const blocked = await new ProtocolClient(app.url).enroll(await newCode(), { platform: "linux", osVersion: "6.8" }, {}).catch((e: unknown) => e);
    expect((blocked as ProtocolError).status).toBe(422);
    expect((blocked as ProtocolError).message).toMatch(/personal_not_allowed|platform_blocked/);

    const unknownCommand = await first.reportResult(crypto.randomUUID(), "completed").catch((e: unknown) => e);
    expect((unknownCommand as ProtocolError).status).toBe(404);
  });

  it("runs the simulator CLI as a user would: enroll, obey a pushed command, forget itself on retire", async () => {
    // Maria (demo data) has not accepted the terms yet: she does, through the API, before enrolling.
    const maria = await signIn("maria.lopez@ward.example");
    const pending = await trpc<{ current: { id: string }; mustAccept: boolean }[]>(maria, "terms.mine", undefined, "query");
    for (const terms of pending.filter((t) => t.mustAccept)) await trpc(maria, "terms.accept", { versionId: terms.current.id });
    const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ward-sim-")), "device.json");
    const cli = spawn(path.resolve("node_modules/.bin/tsx"), ["test/simulator/cli.ts", "enroll", "--code", await newCode(maria), "--server", app.url, "--platform", "ios", "--os", "17.5", "--model", "iPhone 15", "--state", stateFile, "--interval", "3600"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    cli.stdout.on("data", (chunk) => (output += chunk));
    cli.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => cli.once("exit", resolve));
    try {
      await until(() => output.includes("state saved"), 20_000);
      const saved = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { deviceId: string; secret: string };
      expect(saved.secret.length).toBeGreaterThan(30);
      await new Promise((r) => setTimeout(r, 300));
      await trpc(maria, "devices.requestCommand", { deviceId: saved.deviceId, kind: "sync" });
      await until(() => output.includes("synced"), 10_000);
      await trpc(maria, "devices.requestCommand", { deviceId: saved.deviceId, kind: "retire" });
      expect(await exited).toBe(0);
      expect(output).toMatch(/retiring: removing company data/);
      expect(fs.existsSync(stateFile)).toBe(false);
    } finally {
      cli.kill("SIGTERM");
    }
  });

  it("serves an OpenAPI document generated from the request schemas", async () => {
    const doc = (await (await fetch(`${app.url}/api/device/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(["/checkin", "/commands/{id}/result", "/enroll", "/events"]);
    const enrollSchema = doc.paths["/enroll"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(Object.keys(enrollSchema.properties ?? {}).sort()).toEqual(["code", "facts", "inventory"]);
  });
});
