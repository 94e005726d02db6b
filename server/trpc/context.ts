import type { Db } from "@/db/types";

export type SessionInfo = { userId: string; authTime: number };

/** Everything a procedure may use; a plain object so tests build it without Next.js. */
export type Context = {
  db: Db;
  session: SessionInfo | null;
  ip: string | null;
  userAgent: string | null;
};

export function createContext(input: { db: Db; session?: SessionInfo | null; ip?: string | null; userAgent?: string | null }): Context {
  return { db: input.db, session: input.session ?? null, ip: input.ip ?? null, userAgent: input.userAgent ?? null };
}
