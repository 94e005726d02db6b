import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, deviceCommands, ticketEvents, tickets } from "@/db/schema";
import { AppError } from "@/server/errors";
import { listenForDeviceSignals } from "@/server/realtime/device-signals";
import { NOT_ME_LOCK_MESSAGE, reportNotMe } from "@/server/services/not-me-report";
import { makeDevice, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();
const meta = { ip: "192.0.2.9", userAgent: "vitest" };

describe("not me report", () => {
  it("locks the device without a step-up and opens an urgent ticket, audited and signalled", async () => {
    const user = await makeUser(database.db);
    const device = await makeDevice(database.db, user.id, { displayName: "Pixel 8", platform: "android" });
    const signals: string[] = [];
    const stop = await listenForDeviceSignals(database.database, (id) => signals.push(id));
    const now = new Date();
    const auditBefore = await database.db.$count(auditEvents);
    const report = await reportNotMe(database.db, user.id, device.id, meta, { now });
    expect(report).toMatchObject({ alreadyReported: false, commandId: expect.any(String) });

    const [lock] = await database.db.select().from(deviceCommands).where(eq(deviceCommands.id, report.commandId!));
    expect(lock).toMatchObject({ kind: "lock", status: "pending", origin: "policy", payload: { message: NOT_ME_LOCK_MESSAGE } });
    const [ticket] = await database.db.select().from(tickets).where(eq(tickets.id, report.ticketId));
    expect(ticket).toMatchObject({
      subject: "Unrecognized device enrolled: Pixel 8",
      priority: "urgent",
      source: "not_you_report",
      status: "open",
      requesterId: user.id,
      deviceId: device.id,
      dueAt: new Date(now.getTime() + 4 * 3600 * 1000),
    });
    const events = await database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, report.ticketId));
    expect(events).toMatchObject([{ kind: "comment", authorId: user.id, body: expect.stringContaining("A lock was sent") }]);
    // command requested + report + ticket created, all in the one transaction.
    expect(await database.db.$count(auditEvents)).toBe(auditBefore + 3);
    await expect.poll(() => signals, { timeout: 5000 }).toContain(device.id);
    await stop();

    const again = await reportNotMe(database.db, user.id, device.id, meta);
    expect(again).toEqual({ ticketId: report.ticketId, ticketNumber: report.ticketNumber, commandId: null, alreadyReported: true });
    expect(await database.db.$count(deviceCommands, eq(deviceCommands.deviceId, device.id))).toBe(1);
    expect(await database.db.$count(tickets, eq(tickets.deviceId, device.id))).toBe(1);

    await database.db.update(tickets).set({ status: "resolved" }).where(eq(tickets.id, report.ticketId));
    const reopened = await reportNotMe(database.db, user.id, device.id, meta);
    expect(reopened).toMatchObject({ alreadyReported: false, commandId: null });
    expect(reopened.ticketId).not.toBe(report.ticketId);
  });

  it("still opens the ticket when the device cannot be locked, and hides other people's devices", async () => {
    const user = await makeUser(database.db);
    const linux = await makeDevice(database.db, user.id, { platform: "linux", ownership: "corporate" });
    const report = await reportNotMe(database.db, user.id, linux.id, meta);
    expect(report.commandId).toBeNull();
    const [event] = await database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, report.ticketId));
    expect(event!.body).toContain("Remote lock is not available on Linux.");

    const stranger = await makeUser(database.db);
    const before = await database.db.$count(tickets);
    const error = await reportNotMe(database.db, stranger.id, linux.id, meta).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("NOT_FOUND");
    expect(await database.db.$count(tickets)).toBe(before);
  });
});
