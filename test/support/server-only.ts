// Stand-in for the `server-only` package under Vitest (tests are server code).
export {};
