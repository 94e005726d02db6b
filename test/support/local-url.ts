/** Tests create and drop databases: refuse any server that is not on this machine. */
export function assertLocalDatabaseUrl(url: string): URL {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (!["localhost", "127.0.0.1", "::1", ""].includes(host)) {
    throw new Error(`TEST_DATABASE_URL points at ${host}: tests only run against a database on this machine.`);
  }
  return parsed;
}

export function withDatabase(url: string, database: string): string {
  const parsed = assertLocalDatabaseUrl(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
