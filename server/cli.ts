/**
 * Ward's command line: `tsx server/cli.ts <migrate|seed|prepare>`. It opens the database itself and
 * closes it before exiting, so it never holds the embedded database while the server runs.
 */
import { openDatabase } from "@/db/client";
import { seedDemo } from "@/db/seed/demo";
import { bootstrapDatabase } from "./bootstrap";
import { env, EnvError } from "./env";

const commands = {
  /** Migrate and sync built-in roles (deploys run this before starting new app instances). */
  migrate: { seed: false },
  /** Migrate, then add the demo organization if it is not there yet. */
  seed: { seed: true },
  /** What `npm start` runs before serving: validate env, migrate, seed in demo mode. */
  prepare: { seed: "demo" },
} as const;

async function main(name: string | undefined) {
  if (!name || !(name in commands)) {
    console.error(`usage: tsx server/cli.ts <${Object.keys(commands).join("|")}>`);
    process.exit(2);
  }
  const command = commands[name as keyof typeof commands];
  const config = env();
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const started = performance.now();
    await bootstrapDatabase(database);
    const where = config.databaseUrl ? "Postgres" : `the embedded database in ${config.dataDir}`;
    console.log(`ward: ${where} is migrated (${Math.round(performance.now() - started)} ms)`);
    if (command.seed === true || (command.seed === "demo" && config.demo)) {
      const { created } = await seedDemo(database.db);
      console.log(created ? "ward: demo data added" : "ward: demo data already present");
    }
  } finally {
    await database.close();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
