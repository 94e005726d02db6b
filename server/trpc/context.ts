import type { Db } from "@/db/types";
import type { UserSignalHub } from "../realtime/user-signals";

export type SessionInfo = { userId: string; authTime: number };

/** Everything a procedure may use; a plain object so tests build it without Next.js. */
export type Context = {
  db: Db;
  session: SessionInfo | null;
  ip: string | null;
  userAgent: string | null;
  /** Live updates for subscriptions; the HTTP handler passes the process's hub, tests their own. */
  userSignals: (() => Promise<UserSignalHub>) | null;
};

export function createContext(input: {
  db: Db;
  session?: SessionInfo | null;
  ip?: string | null;
  userAgent?: string | null;
  userSignals?: () => Promise<UserSignalHub>;
}): Context {
  return { db: input.db, session: input.session ?? null, ip: input.ip ?? null, userAgent: input.userAgent ?? null, userSignals: input.userSignals ?? null };
}
