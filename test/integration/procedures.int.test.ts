import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createContext } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";
import { addToGroup, assignRole, makeDevice, makeGroup, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();

const callerFor = (userId: string | null) =>
  createCaller(createContext({ db: database.db, session: userId ? { userId, authTime: Math.floor(Date.now() / 1000) } : null }));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
  return "OK";
}

describe("procedure builders", () => {
  it("protectedProcedure answers UNAUTHORIZED without a session", async () => {
    expect(await codeOf(callerFor(null).me.profile())).toBe("UNAUTHORIZED");
  });

  it("protectedProcedure refuses sessions of disabled or departed users", async () => {
    const user = await makeUser(database.db);
    expect(await codeOf(callerFor(user.id).me.profile())).toBe("OK");
    await database.db.update(users).set({ status: "departed" }).where(eq(users.id, user.id));
    expect(await codeOf(callerFor(user.id).me.profile())).toBe("UNAUTHORIZED");
  });

  it("lists only the signed-in user's own devices", async () => {
    const me = await makeUser(database.db);
    const other = await makeUser(database.db);
    const mine = await makeDevice(database.db, me.id, { displayName: "My phone" });
    await makeDevice(database.db, other.id);
    await makeDevice(database.db, me.id, { managementState: "wiped" });
    const devices = await callerFor(me.id).me.devices();
    expect(devices.map((d) => d.id)).toEqual([mine.id]);
  });

  it("staffProcedure answers FORBIDDEN, not UNAUTHORIZED, to a signed-in user without a role", async () => {
    const employee = await makeUser(database.db);
    expect(await codeOf(callerFor(employee.id).staff.overview())).toBe("FORBIDDEN");
    expect(await callerFor(employee.id).me.isStaff()).toBe(false);
  });

  it("scopes staff to their assignment's groups, in SQL", async () => {
    const emea = await makeGroup(database.db);
    const americas = await makeGroup(database.db);
    const inScope = await makeUser(database.db);
    const outOfScope = await makeUser(database.db);
    await addToGroup(database.db, inScope.id, emea.id);
    await addToGroup(database.db, outOfScope.id, americas.id);
    await makeDevice(database.db, inScope.id);
    await makeDevice(database.db, inScope.id);
    await makeDevice(database.db, outOfScope.id);

    const operator = await makeUser(database.db);
    await assignRole(database.db, operator.id, "help_desk_operator", { groupIds: [emea.id] });
    const overview = await callerFor(operator.id).staff.overview();
    expect(overview.roles).toEqual(["Help Desk Operator"]);
    expect(overview).toMatchObject({ usersInScope: 1, devicesInScope: 2 });
    expect(overview.permissions).toContain("devices.wipe");
    expect(overview.permissions).not.toContain("devices.delete");
    expect(await callerFor(operator.id).me.isStaff()).toBe(true);
  });

  it("gives an all-users assignment every user and device", async () => {
    const reader = await makeUser(database.db);
    await assignRole(database.db, reader.id, "read_only_operator", { allUsers: true });
    const overview = await callerFor(reader.id).staff.overview();
    expect(overview.usersInScope).toBe(await database.db.$count(users));
    expect(overview.permissions.every((p) => p.endsWith(".read"))).toBe(true);
  });
});
