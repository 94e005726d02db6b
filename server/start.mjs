// `npm start`: build when the sources are newer than the last build, prepare the database
// (validate env, migrate, seed demo data), then serve with `next start`.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIsStale } from "./build-state.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (buildIsStale(root)) {
  console.log("ward: building the app (first start or sources changed)…");
  run("npm", ["run", "build"]);
}
run(bin("tsx"), ["server/cli.ts", "prepare"]);

const port = process.env.PORT ?? "3000";
const server = spawn(bin("next"), ["start", "-p", port, ...process.argv.slice(2)], { cwd: root, stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
