import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, deviceCommands } from "@/db/schema";
import { openSecret } from "@/server/crypto/secret-box";
import { AppError } from "@/server/errors";
import { takeCommandsForDelivery } from "@/server/services/command-delivery";
import { revealPasscode } from "@/server/services/command-passcode";
import { cancelCommand, requestCommand } from "@/server/services/commands";
import { makeDevice, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();
const KEY = "passcode-test-key";
const meta = { ip: "198.51.100.4", userAgent: "vitest" };
const DAY = 24 * 3600 * 1000;

async function setup(platform: "android" | "ios" = "android") {
  const user = await makeUser(database.db);
  const device = await makeDevice(database.db, user.id, { platform });
  const me = { kind: "owner" as const, userId: user.id, authTime: Math.floor(Date.now() / 1000) };
  const reset = (now?: Date) => requestCommand(database.db, me, device.id, { kind: "reset_passcode" }, meta, { passcodeKey: KEY, now });
  return { user, device, me, reset };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

const reveal = (userId: string, commandId: string, now?: Date) => revealPasscode(database.db, userId, commandId, meta, { passcodeKey: KEY, now });

describe("temporary passcodes", () => {
  it("keeps the passcode encrypted at rest and shows it to the owner, auditing each reveal", async () => {
    const { user, device, reset } = await setup();
    const command = await reset();
    const [row] = await database.db.select().from(deviceCommands).where(eq(deviceCommands.id, command.id));
    const plaintext = openSecret(row!.secretCiphertext!, KEY);
    expect(plaintext).toMatch(/^\d{6}$/);
    expect(row!.secretCiphertext).not.toContain(plaintext);
    expect(JSON.stringify(row!.payload)).not.toContain(plaintext);

    const [delivered] = await database.db.transaction((tx) => takeCommandsForDelivery(tx, device.id, { passcodeKey: KEY }));
    const auditBefore = await database.db.$count(auditEvents);
    const shown = await reveal(user.id, command.id);
    expect(shown).toEqual({ passcode: plaintext, expiresAt: new Date(command.createdAt.getTime() + 7 * DAY) });
    expect(delivered!.payload.passcode).toBe(plaintext);
    await reveal(user.id, command.id);
    expect(await database.db.$count(auditEvents)).toBe(auditBefore + 2);
    const [audit] = await database.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    expect(audit).toMatchObject({ action: "device.passcode_revealed", actorId: user.id, details: { commandId: command.id } });
    expect(JSON.stringify(audit)).not.toContain(plaintext);
  });

  it("refuses other users, commands without a passcode, and reveals after 7 days", async () => {
    const { user, me, device, reset } = await setup();
    const stranger = await makeUser(database.db);
    const t0 = new Date(Date.now() - 8 * DAY);
    const old = await reset(t0);
    const before = await database.db.$count(auditEvents);
    expect(await codeOf(reveal(stranger.id, old.id, t0))).toBe("NOT_FOUND");
    expect(await codeOf(reveal(user.id, old.id, new Date(t0.getTime() + 7 * DAY - 1)))).toBe("OK");
    expect(await codeOf(reveal(user.id, old.id))).toBe("GONE");
    expect(await codeOf(reveal(user.id, "nope"))).toBe("NOT_FOUND");
    expect(await database.db.$count(auditEvents)).toBe(before + 1);

    await database.db.update(deviceCommands).set({ status: "expired" }).where(eq(deviceCommands.id, old.id));
    const canceled = await reset();
    await cancelCommand(database.db, me, canceled.id, meta);
    expect(await codeOf(reveal(user.id, canceled.id))).toBe("GONE");

    const lock = await requestCommand(database.db, me, device.id, { kind: "lock" }, meta, { passcodeKey: KEY });
    expect(await codeOf(reveal(user.id, lock.id))).toBe("NOT_FOUND");
    const iphone = await setup("ios");
    const cleared = await iphone.reset();
    expect(cleared.payload).toEqual({ mode: "clear" });
    expect(await codeOf(reveal(iphone.user.id, cleared.id))).toBe("NOT_FOUND");
  });
});
