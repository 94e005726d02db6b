import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, notifications, ticketEvents, tickets } from "@/db/schema";
import { verifyAuditChain } from "@/server/audit/verify";
import { addToGroup, assignRole, makeGroup, makeUser } from "../support/factories";
import { callerFor, codeOf, HOUR, makeTicket, ticketSnapshot } from "../support/staff-tickets";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();

describe("staff tickets", () => {
  let emea: { id: string };
  let requester: { id: string; name: string };
  let outsider: { id: string };
  let operator: { id: string; name: string };
  let reader: { id: string };

  beforeAll(async () => {
    const db = database.db;
    emea = await makeGroup(db);
    const americas = await makeGroup(db);
    requester = await makeUser(db);
    outsider = await makeUser(db);
    await addToGroup(db, requester.id, emea.id);
    await addToGroup(db, outsider.id, americas.id);
    operator = await makeUser(db);
    await assignRole(db, operator.id, "help_desk_operator", { groupIds: [emea.id] });
    reader = await makeUser(db);
    await assignRole(db, reader.id, "read_only_operator", { groupIds: [emea.id] });
  });

  it("walks a ticket through its whole life, each change evented, audited and notified", async () => {
    const ticket = await makeTicket(database.db, requester.id);
    const staff = callerFor(database.db, operator.id);
    const notes = () => database.db.select().from(notifications).where(eq(notifications.userId, requester.id));

    expect((await staff.staff.tickets.assignees({ ticketId: ticket.id })).map((u) => u.id)).toContain(operator.id);
    expect(await staff.staff.tickets.assign({ ticketId: ticket.id, assigneeId: operator.id })).toMatchObject({ changed: true });

    const longReply = `Please restart the phone. ${"x".repeat(300)}`;
    expect(await staff.staff.tickets.reply({ ticketId: ticket.id, body: longReply })).toMatchObject({ status: "in_progress" });
    const [replied] = await notes();
    expect(replied).toMatchObject({ kind: "ticket_reply", title: `IT replied to your request #${ticket.number}`, link: `/help/${ticket.id}` });
    expect(replied!.body.length).toBeLessThanOrEqual(140);
    expect(replied!.body.startsWith("Please restart the phone.")).toBe(true);

    await staff.staff.tickets.note({ ticketId: ticket.id, body: "Probably the MDM profile." });
    expect(await notes()).toHaveLength(1);
    await staff.staff.tickets.setStatus({ ticketId: ticket.id, status: "waiting_on_user" });

    await staff.staff.tickets.setStatus({ ticketId: ticket.id, status: "resolved" });
    let [row] = await database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row!.resolvedAt).toBeInstanceOf(Date);
    expect((await notes()).map((x) => x.title)).toContain(`Your request #${ticket.number} was resolved`);

    // Reopen: resolvedAt cleared, a fresh due time by priority.
    const before = Date.now();
    await staff.staff.tickets.setStatus({ ticketId: ticket.id, status: "in_progress" });
    [row] = await database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row!.resolvedAt).toBeNull();
    expect(row!.dueAt!.getTime()).toBeGreaterThanOrEqual(before + 72 * HOUR);
    expect(await codeOf(staff.staff.tickets.setStatus({ ticketId: ticket.id, status: "open" }))).toBe("CONFLICT");

    await staff.staff.tickets.setStatus({ ticketId: ticket.id, status: "closed" });
    const closed = await ticketSnapshot(database.db, ticket.id);
    for (const attempt of [
      () => staff.staff.tickets.reply({ ticketId: ticket.id, body: "Hello?" }),
      () => staff.staff.tickets.note({ ticketId: ticket.id, body: "note" }),
      () => staff.staff.tickets.setStatus({ ticketId: ticket.id, status: "open" }),
      () => staff.staff.tickets.setPriority({ ticketId: ticket.id, priority: "urgent" }),
      () => staff.staff.tickets.assign({ ticketId: ticket.id, assigneeId: null }),
    ]) {
      expect(await codeOf(attempt())).toBe("CONFLICT");
    }
    expect(await ticketSnapshot(database.db, ticket.id)).toEqual(closed);

    const view = await staff.staff.tickets.get({ ticketId: ticket.id });
    // Sorted: calls landing in the same millisecond order by kind, which is not what is tested here.
    expect(view.events.map((e) => e.kind).sort()).toEqual([
      "comment",
      "assignment",
      "comment",
      "status_change",
      "internal_note",
      "status_change",
      "status_change",
      "status_change",
      "status_change",
    ].sort());
    expect(view.events[0]).toMatchObject({ kind: "comment", byRequester: true });
    expect(view.events.find((e) => e.kind === "comment" && !e.byRequester)).toMatchObject({ authorName: operator.name, body: longReply });
    expect(view.events.find((e) => e.kind === "internal_note")).toMatchObject({ body: "Probably the MDM profile." });
    expect(view.events.find((e) => e.kind === "assignment")).toMatchObject({ data: { from: null, to: operator.id }, fromName: null, toName: operator.name });
    const actions = await database.db
      .select({ action: auditEvents.action, actorKind: auditEvents.actorKind, subject: auditEvents.subjectUserId })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, "ticket"), eq(auditEvents.targetId, ticket.id)))
      .orderBy(auditEvents.seq);
    expect(actions.map((a) => a.action)).toEqual([
      "ticket.assigned",
      "ticket.replied",
      "ticket.note_added",
      "ticket.status_changed",
      "ticket.status_changed",
      "ticket.status_changed",
      "ticket.status_changed",
    ]);
    expect(actions.every((a) => a.actorKind === "staff" && a.subject === requester.id)).toBe(true);
    expect((await verifyAuditChain(database.db)).intact).toBe(true);
  });

  it("recomputes the due time from priority, counted from creation", async () => {
    const createdAt = new Date("2030-01-01T09:00:00Z");
    const ticket = await makeTicket(database.db, requester.id, { createdAt });
    const result = await callerFor(database.db, operator.id).staff.tickets.setPriority({ ticketId: ticket.id, priority: "urgent" });
    expect(result).toMatchObject({ changed: true, priority: "urgent", dueAt: new Date(createdAt.getTime() + 4 * HOUR) });
    // The same priority again is a no-op, not a second event.
    expect(await callerFor(database.db, operator.id).staff.tickets.setPriority({ ticketId: ticket.id, priority: "urgent" })).toEqual({ ticketId: ticket.id, changed: false });
    expect(await database.db.$count(ticketEvents, and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.kind, "priority_change")))).toBe(1);
  });

  it("only assigns staff who can work the ticket", async () => {
    const ticket = await makeTicket(database.db, requester.id);
    const staff = callerFor(database.db, operator.id);
    const employee = await makeUser(database.db);
    const elsewhere = await makeUser(database.db);
    await assignRole(database.db, elsewhere.id, "help_desk_operator", { groupIds: [(await makeGroup(database.db)).id] });
    const before = await ticketSnapshot(database.db, ticket.id);
    for (const assigneeId of [employee.id, elsewhere.id, reader.id, crypto.randomUUID()]) {
      expect(await codeOf(staff.staff.tickets.assign({ ticketId: ticket.id, assigneeId }))).toBe("BAD_REQUEST");
    }
    expect(await ticketSnapshot(database.db, ticket.id)).toEqual(before);
  });

  it("lets a Read Only Operator read but not change anything", async () => {
    const ticket = await makeTicket(database.db, requester.id);
    const staff = callerFor(database.db, reader.id);
    expect((await staff.staff.tickets.get({ ticketId: ticket.id })).id).toBe(ticket.id);
    expect((await staff.staff.tickets.queue({})).items.map((t) => t.id)).toContain(ticket.id);
    const before = await ticketSnapshot(database.db, ticket.id);
    expect(await codeOf(staff.staff.tickets.reply({ ticketId: ticket.id, body: "Hi" }))).toBe("FORBIDDEN");
    expect(await codeOf(staff.staff.tickets.note({ ticketId: ticket.id, body: "Hi" }))).toBe("FORBIDDEN");
    expect(await codeOf(staff.staff.tickets.assign({ ticketId: ticket.id, assigneeId: operator.id }))).toBe("FORBIDDEN");
    expect(await codeOf(staff.staff.tickets.setStatus({ ticketId: ticket.id, status: "resolved" }))).toBe("FORBIDDEN");
    expect(await codeOf(staff.staff.tickets.setPriority({ ticketId: ticket.id, priority: "low" }))).toBe("FORBIDDEN");
    expect(await ticketSnapshot(database.db, ticket.id)).toEqual(before);
  });

  it("answers FORBIDDEN, not NOT_FOUND, for a ticket readable but outside the change scope", async () => {
    const wide = await makeUser(database.db);
    await assignRole(database.db, wide.id, "read_only_operator", { allUsers: true });
    await assignRole(database.db, wide.id, "help_desk_operator", { groupIds: [emea.id] });
    const foreign = await makeTicket(database.db, outsider.id);
    expect(await codeOf(callerFor(database.db, wide.id).staff.tickets.reply({ ticketId: foreign.id, body: "Hi" }))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(database.db, wide.id).staff.tickets.get({ ticketId: foreign.id }))).toBe("OK");
  });

});
