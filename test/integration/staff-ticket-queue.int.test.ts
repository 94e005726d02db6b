import { beforeAll, describe, expect, it } from "vitest";
import { deviceCommands } from "@/db/schema";
import { addToGroup, assignRole, makeDevice, makeGroup, makeUser } from "../support/factories";
import { callerFor, codeOf, HOUR, makeTicket, ticketSnapshot } from "../support/staff-tickets";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();

describe("staff ticket queue and context", () => {
  let requester: { id: string; name: string };
  let outsider: { id: string };
  let operator: { id: string; name: string };

  beforeAll(async () => {
    const db = database.db;
    const emea = await makeGroup(db);
    const americas = await makeGroup(db);
    requester = await makeUser(db);
    outsider = await makeUser(db);
    await addToGroup(db, requester.id, emea.id);
    await addToGroup(db, outsider.id, americas.id);
    operator = await makeUser(db);
    await assignRole(db, operator.id, "help_desk_operator", { groupIds: [emea.id] });
  });

  it("filters and sorts the queue by due time, one bounded page at a time", async () => {
    const db = database.db;
    const team = await makeGroup(db);
    const lead = await makeUser(db);
    const colleague = await makeUser(db);
    await assignRole(db, lead.id, "help_desk_operator", { groupIds: [team.id] });
    await assignRole(db, colleague.id, "help_desk_operator", { groupIds: [team.id] });
    const member = await makeUser(db);
    await addToGroup(db, member.id, team.id);
    const device = await makeDevice(db, member.id, { displayName: "Member phone" });
    const t0 = Date.now();
    const late = await makeTicket(database.db, member.id, { dueAt: new Date(t0 + 50 * HOUR), assigneeId: lead.id });
    const soon = await makeTicket(database.db, member.id, { dueAt: new Date(t0 + 2 * HOUR), priority: "urgent", deviceId: device.id });
    const none = await makeTicket(database.db, member.id, { dueAt: null, status: "waiting_on_user" });
    const mid = await makeTicket(database.db, member.id, { dueAt: new Date(t0 + 10 * HOUR), assigneeId: colleague.id, status: "in_progress" });
    await makeTicket(database.db, outsider.id, { dueAt: new Date(t0 + HOUR) });

    const queue = callerFor(database.db, lead.id).staff.tickets.queue;
    const ids = async (input: Parameters<typeof queue>[0]) => (await queue(input)).items.map((t) => t.id);
    expect(await ids({})).toEqual([soon.id, mid.id, late.id, none.id]);
    expect(await ids({ status: "open" })).toEqual([soon.id, late.id]);
    expect(await ids({ status: ["in_progress", "waiting_on_user"] })).toEqual([mid.id, none.id]);
    expect(await ids({ priority: "urgent" })).toEqual([soon.id]);
    expect(await ids({ mine: true })).toEqual([late.id]);
    expect(await ids({ assignee: "me" })).toEqual([late.id]);
    expect(await ids({ assignee: "unassigned" })).toEqual([soon.id, none.id]);
    expect(await ids({ assignee: colleague.id })).toEqual([mid.id]);

    const [first] = (await queue({})).items;
    expect(first).toMatchObject({ requesterName: member.name, deviceName: "Member phone", assigneeName: null, priority: "urgent" });
    const lateRow = (await queue({ mine: true })).items[0];
    expect(lateRow).toMatchObject({ assigneeName: lead.name, deviceName: null });

    // Keyset pages, in both sort orders, add up to the full list with nothing twice.
    for (const sort of ["due", "updated"] as const) {
      const all = await ids({ sort, limit: 100 });
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await queue({ sort, limit: 1, cursor });
        paged.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(paged).toEqual(all);
    }
    expect(await codeOf(queue({ cursor: "not-a-cursor" }))).toBe("BAD_REQUEST");
    expect(await codeOf(queue({ limit: 101 }))).toBe("BAD_REQUEST");
  });

  it("hides out-of-scope tickets: absent from the queue and NOT_FOUND by id", async () => {
    const foreign = await makeTicket(database.db, outsider.id);
    const staff = callerFor(database.db, operator.id);
    expect((await staff.staff.tickets.queue({ limit: 100 })).items.map((t) => t.id)).not.toContain(foreign.id);
    const before = await ticketSnapshot(database.db, foreign.id);
    expect(await codeOf(staff.staff.tickets.get({ ticketId: foreign.id }))).toBe("NOT_FOUND");
    expect(await codeOf(staff.staff.tickets.reply({ ticketId: foreign.id, body: "Hi" }))).toBe("NOT_FOUND");
    expect(await codeOf(staff.staff.tickets.assign({ ticketId: foreign.id, assigneeId: operator.id }))).toBe("NOT_FOUND");
    expect(await codeOf(staff.staff.tickets.setStatus({ ticketId: foreign.id, status: "resolved" }))).toBe("NOT_FOUND");
    expect(await ticketSnapshot(database.db, foreign.id)).toEqual(before);
  });

  it("shows the requester's devices and last ten actions beside the thread", async () => {
    const db = database.db;
    const ticket = await makeTicket(database.db, requester.id);
    const phone = await makeDevice(db, requester.id, { displayName: "Requester phone", complianceState: "noncompliant" });
    await makeDevice(db, outsider.id);
    const expiresAt = new Date(Date.now() + HOUR);
    await db.insert(deviceCommands).values(
      Array.from({ length: 12 }, (_, i) => ({ deviceId: phone.id, kind: "sync" as const, origin: "self_service" as const, expiresAt, createdAt: new Date(Date.now() - i * 1000) })),
    );
    const view = await callerFor(database.db, operator.id).staff.tickets.get({ ticketId: ticket.id });
    expect(view.requester).toMatchObject({ id: requester.id, name: requester.name });
    expect(view.context.canReadDevices).toBe(true);
    expect(view.context.devices.map((d) => d.name)).toContain("Requester phone");
    expect(view.context.devices.find((d) => d.id === phone.id)).toMatchObject({ platform: "android", complianceState: "noncompliant", lastCheckInAt: null });
    expect(view.context.recentActions).toHaveLength(10);
    expect(view.context.recentActions.every((a) => a.deviceName === "Requester phone")).toBe(true);
  });
});
