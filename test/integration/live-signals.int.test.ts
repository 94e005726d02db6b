import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { devices, notifications } from "@/db/schema";
import { UserSignalHub, type UserTopic } from "@/server/realtime/user-signals";
import { makeDevice, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();
let hub: UserSignalHub | undefined;
afterAll(() => hub?.close());

async function collect(userId: string, action: () => Promise<unknown>): Promise<UserTopic[]> {
  hub ??= new UserSignalHub(database.database);
  await hub.start();
  const topics: UserTopic[] = [];
  const unsubscribe = hub.subscribe(userId, (topic) => topics.push(topic));
  await action();
  await new Promise((r) => setTimeout(r, 150));
  unsubscribe();
  return topics;
}

describe("live signals from database triggers", () => {
  it("tells the owner when their device or notifications change, on commit only", async () => {
    const owner = await makeUser(database.db);
    const other = await makeUser(database.db);
    const device = await makeDevice(database.db, owner.id);
    expect(await collect(owner.id, () => database.db.update(devices).set({ displayName: "Renamed" }).where(eq(devices.id, device.id)))).toEqual(["devices"]);
    expect(await collect(other.id, () => database.db.update(devices).set({ displayName: "Again" }).where(eq(devices.id, device.id)))).toEqual([]);
    expect(
      await collect(owner.id, () => database.db.insert(notifications).values({ userId: owner.id, kind: "command_finished", title: "t", body: "b" })),
    ).toEqual(["notifications"]);
    const rolledBack = await collect(owner.id, () =>
      database.db
        .transaction(async (tx) => {
          await tx.update(devices).set({ displayName: "Never" }).where(eq(devices.id, device.id));
          throw new Error("rollback");
        })
        .catch(() => {}),
    );
    expect(rolledBack).toEqual([]);
  });
});
