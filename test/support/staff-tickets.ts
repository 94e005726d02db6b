import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { auditEvents, notifications, ticketEvents, tickets } from "@/db/schema";
import type { Db } from "@/db/types";
import { createContext } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";

/** Helpers shared by the staff ticket tests. */

export const HOUR = 3_600_000;

export const callerFor = (db: Db, userId: string) => createCaller(createContext({ db, session: { userId, authTime: Math.floor(Date.now() / 1000) } }));

/** The tRPC code a call ends with, or "OK". */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
  return "OK";
}

let n = 0;
/** A ticket as the portal opens it (due by priority, the requester's first comment), dated in the past. */
export async function makeTicket(db: Db, requesterId: string, values: Partial<typeof tickets.$inferInsert> = {}) {
  const createdAt = values.createdAt ?? new Date(Date.now() - 60_000 + n++);
  const [ticket] = await db
    .insert(tickets)
    .values({ requesterId, subject: `Help ${n}`, priority: "normal", dueAt: new Date(createdAt.getTime() + 72 * HOUR), createdAt, updatedAt: createdAt, ...values })
    .returning();
  await db.insert(ticketEvents).values({ ticketId: ticket!.id, authorId: requesterId, kind: "comment", body: "My phone is broken.", createdAt });
  return ticket!;
}

/** Everything a refused call must leave untouched. */
export async function ticketSnapshot(db: Db, ticketId: string) {
  const [ticket] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
  return {
    ticket,
    events: await db.$count(ticketEvents, eq(ticketEvents.ticketId, ticketId)),
    audit: await db.$count(auditEvents),
    notifications: await db.$count(notifications),
  };
}
