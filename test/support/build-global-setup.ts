import { spawnSync } from "node:child_process";
import path from "node:path";
import { buildIsStale } from "../../server/build-state.mjs";

/**
 * Tests that talk to the real app run against a production build (`next build`, then
 * `next start`). Built once per run, and only when sources changed since the last build.
 */
export default function setup() {
  const root = path.resolve(import.meta.dirname, "../..");
  if (process.env.WARD_BUILD_CHECKED) return;
  process.env.WARD_BUILD_CHECKED = "1";
  // For quick local runs of tests that do not start the app; those that do would use the last build.
  if (process.env.WARD_TEST_NO_BUILD === "1" || !buildIsStale(root)) return;
  const started = Date.now();
  console.log("test: building the app (next build)…");
  const result = spawnSync("npm", ["run", "build"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  }
  console.log(`test: next build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
