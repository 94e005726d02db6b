import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, ticketEvents, tickets } from "@/db/schema";
import { AppError } from "@/server/errors";
import {
  closeMyRequest,
  DUE_IN_MS,
  dueAtFor,
  getMyRequest,
  listMyRequests,
  openSupportRequest,
  replyToMyRequest,
} from "@/server/services/support-requests";
import { createCaller } from "@/server/trpc/root";
import { createContext } from "@/server/trpc/context";
import { makeDevice, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();
const meta = { ip: "192.0.2.7", userAgent: "vitest" };
const HOUR = 3_600_000;

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

async function counts() {
  const db = database.db;
  return { tickets: await db.$count(tickets), events: await db.$count(ticketEvents), audit: await db.$count(auditEvents) };
}

async function openOne(userId: string, deviceId?: string) {
  return openSupportRequest(database.db, userId, { subject: "Phone will not sync", body: "Outlook asks for my password.", deviceId }, meta);
}

describe("support requests (employee side)", () => {
  it("opens a request about the user's device: ticket, first comment and audit in one go, due by priority", async () => {
    const user = await makeUser(database.db);
    const device = await makeDevice(database.db, user.id, { displayName: "Work Pixel" });
    const now = new Date();
    const before = await counts();
    const opened = await openSupportRequest(database.db, user.id, { subject: "  Phone will not sync ", body: "Outlook asks for my password.", deviceId: device.id }, meta, { now });

    const [ticket] = await database.db.select().from(tickets).where(eq(tickets.id, opened.ticketId));
    expect(ticket).toMatchObject({
      number: opened.number,
      requesterId: user.id,
      deviceId: device.id,
      subject: "Phone will not sync",
      status: "open",
      priority: "normal",
      source: "portal",
      dueAt: new Date(now.getTime() + 72 * HOUR),
    });
    const events = await database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, opened.ticketId));
    expect(events).toMatchObject([{ kind: "comment", authorId: user.id, body: "Outlook asks for my password." }]);
    const [audit] = await database.db.select().from(auditEvents).where(eq(auditEvents.targetId, opened.ticketId));
    expect(audit).toMatchObject({ action: "ticket.created", actorId: user.id, subjectUserId: user.id, ip: meta.ip, details: { number: opened.number, deviceId: device.id } });
    expect(await counts()).toEqual({ tickets: before.tickets + 1, events: before.events + 1, audit: before.audit + 1 });

    expect(await listMyRequests(database.db, user.id)).toMatchObject([{ id: opened.ticketId, status: "open", deviceName: "Work Pixel", source: "portal" }]);
    // Due times per priority: urgent 4 h, high one business day, normal 3 days, low 5 days.
    expect(Object.fromEntries(Object.entries(DUE_IN_MS).map(([k, ms]) => [k, ms / HOUR]))).toEqual({ urgent: 4, high: 24, normal: 72, low: 120 });
    expect(dueAtFor("urgent", now)).toEqual(new Date(now.getTime() + 4 * HOUR));
  });

  it("opens a general request without a device, and refuses someone else's device without a trace", async () => {
    const user = await makeUser(database.db);
    const general = await openSupportRequest(database.db, user.id, { subject: "VPN question", body: "Which VPN app?", deviceId: "" }, meta);
    expect((await getMyRequest(database.db, user.id, general.ticketId)).deviceId).toBeNull();

    const stranger = await makeUser(database.db);
    const theirs = await makeDevice(database.db, stranger.id);
    const before = await counts();
    expect(await codeOf(openOne(user.id, theirs.id))).toBe("NOT_FOUND");
    expect(await counts()).toEqual(before);
  });

  it("rejects bad input with BAD_REQUEST and field errors, changing nothing", async () => {
    const user = await makeUser(database.db);
    const before = await counts();
    const error = await openSupportRequest(database.db, user.id, { subject: "hi", body: "   " }, meta).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "BAD_REQUEST", details: { fieldErrors: { subject: expect.stringContaining("at least 3"), body: expect.any(String) } } });
    expect(await codeOf(openSupportRequest(database.db, user.id, { subject: "x".repeat(121), body: "ok" }, meta))).toBe("BAD_REQUEST");
    expect(await codeOf(openSupportRequest(database.db, user.id, { subject: "Fine subject", body: "y".repeat(5001) }, meta))).toBe("BAD_REQUEST");
    expect(await codeOf(openSupportRequest(database.db, user.id, { subject: "Fine subject", body: "ok", deviceId: "not-a-uuid" }, meta))).toBe("BAD_REQUEST");
    const { ticketId } = await openOne(user.id);
    const mid = await counts();
    expect(await codeOf(replyToMyRequest(database.db, user.id, { ticketId, body: " " }, meta))).toBe("BAD_REQUEST");
    expect(await counts()).toEqual(mid);
    expect(mid.tickets).toBe(before.tickets + 1);

    // Through tRPC the same schema answers BAD_REQUEST with the field errors the form shows.
    const caller = createCaller(createContext({ db: database.db, session: { userId: user.id, authTime: Date.now() / 1000 } }));
    const trpcError = await caller.tickets.open({ subject: "hi", body: "x" }).catch((e: unknown) => e);
    expect(trpcError).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("hides other people's requests (NOT_FOUND) and the help desk's internal notes", async () => {
    const user = await makeUser(database.db);
    const staff = await makeUser(database.db);
    const { ticketId } = await openOne(user.id);
    await database.db.insert(ticketEvents).values([
      { ticketId, authorId: staff.id, kind: "internal_note", body: "Probably an expired password; check the sign-in logs." },
      { ticketId, authorId: staff.id, kind: "comment", body: "Could you try signing out and in again?" },
      { ticketId, authorId: staff.id, kind: "assignment", data: { from: null, to: staff.id } },
    ]);
    const view = await getMyRequest(database.db, user.id, ticketId);
    expect(view.events.map((e) => (e.kind === "comment" ? `${e.by}: ${e.body}` : e.kind))).toEqual(["you: Outlook asks for my password.", "support: Could you try signing out and in again?"]);
    expect(JSON.stringify(view)).not.toContain("sign-in logs");
    expect(JSON.stringify(view)).not.toContain(staff.id);

    const stranger = await makeUser(database.db);
    const before = await counts();
    expect(await codeOf(getMyRequest(database.db, stranger.id, ticketId))).toBe("NOT_FOUND");
    expect(await codeOf(getMyRequest(database.db, stranger.id, "nonsense"))).toBe("NOT_FOUND");
    expect(await codeOf(replyToMyRequest(database.db, stranger.id, { ticketId, body: "me too" }, meta))).toBe("NOT_FOUND");
    expect(await codeOf(closeMyRequest(database.db, stranger.id, ticketId, meta))).toBe("NOT_FOUND");
    expect(await counts()).toEqual(before);
    expect(await listMyRequests(database.db, stranger.id)).toEqual([]);
  });

  it("a reply moves waiting_on_user back to open and reopens a resolved request, with status events and audit", async () => {
    const user = await makeUser(database.db);
    const { ticketId } = await openOne(user.id);
    await database.db.update(tickets).set({ status: "waiting_on_user" }).where(eq(tickets.id, ticketId));
    const before = await counts();
    expect(await replyToMyRequest(database.db, user.id, { ticketId, body: "Restarted, still broken." }, meta)).toEqual({ ticketId, status: "open" });
    // comment + status change; audit: replied + status changed.
    expect(await counts()).toEqual({ tickets: before.tickets, events: before.events + 2, audit: before.audit + 2 });

    const resolvedAt = new Date();
    await database.db.update(tickets).set({ status: "resolved", resolvedAt, dueAt: null }).where(eq(tickets.id, ticketId));
    const now = new Date();
    await replyToMyRequest(database.db, user.id, { ticketId, body: "It is back." }, meta, { now });
    const [ticket] = await database.db.select().from(tickets).where(eq(tickets.id, ticketId));
    expect(ticket).toMatchObject({ status: "open", resolvedAt: null, dueAt: dueAtFor("normal", now), updatedAt: now });

    const view = await getMyRequest(database.db, user.id, ticketId);
    const lines = view.events.map((e) => (e.kind === "comment" ? e.body : `${e.from} -> ${e.to}`));
    expect(lines).toEqual(["Outlook asks for my password.", "Restarted, still broken.", "waiting_on_user -> open", "It is back.", "resolved -> open"]);
    const actions = await database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, ticketId)).orderBy(auditEvents.seq);
    expect(actions.map((a) => a.action)).toEqual(["ticket.created", "ticket.status_changed", "ticket.replied", "ticket.status_changed", "ticket.replied"]);

    // In progress stays in progress: the reply simply adds to the conversation.
    await database.db.update(tickets).set({ status: "in_progress" }).where(eq(tickets.id, ticketId));
    expect((await replyToMyRequest(database.db, user.id, { ticketId, body: "Any news?" }, meta)).status).toBe("in_progress");
  });

  it("refuses a reply to a closed request with CONFLICT and changes nothing; the requester can close", async () => {
    const user = await makeUser(database.db);
    const { ticketId } = await openOne(user.id);
    expect(await closeMyRequest(database.db, user.id, ticketId, meta)).toEqual({ ticketId, status: "closed" });
    expect(await closeMyRequest(database.db, user.id, ticketId, meta)).toEqual({ ticketId, status: "closed" });
    const before = await counts();
    const error = await replyToMyRequest(database.db, user.id, { ticketId, body: "Hello?" }, meta).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFLICT", message: "This request is closed; open a new one." });
    expect(await counts()).toEqual(before);
    expect((await getMyRequest(database.db, user.id, ticketId)).status).toBe("closed");
  });
});
