import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` guards Next bundles against client imports; under Vitest it is a no-op.
      { find: /^server-only$/, replacement: path.join(root, "test/support/server-only.ts") },
    ],
  },
  test: {
    env: { NEXT_TELEMETRY_DISABLED: "1" },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], exclude: ["**/*.int.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.int.test.ts"],
          globalSetup: ["test/support/db-global-setup.ts", "test/support/build-global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/support/db-global-setup.ts", "test/support/build-global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // Only run by `npm run bench` (not part of `npm test`): figures go to bench-results/.
          name: "bench",
          include: ["test/bench/**/*.bench.test.ts"],
          globalSetup: ["test/support/db-global-setup.ts", "test/support/build-global-setup.ts"],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
