import { and, eq } from "drizzle-orm";
import { devices, users } from "@/db/schema";
import type { Db } from "@/db/types";
import { AppError } from "../errors";
import type { Grant } from "./grants";
import { deviceScopeCondition, userScopeCondition } from "./scope";

/**
 * Out-of-scope subjects do not exist for the caller (DESIGN §5): these answer NOT_FOUND, the same
 * as for an id that does not exist, so a staff member cannot even learn that it does.
 */
export async function assertUserInScope(db: Db, grants: Grant[], userId: string): Promise<typeof users.$inferSelect> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), userScopeCondition(db, grants, users.id)));
  if (!user) throw new AppError("NOT_FOUND", "No such user.");
  return user;
}

export async function assertDeviceInScope(db: Db, grants: Grant[], deviceId: string): Promise<typeof devices.$inferSelect> {
  const [device] = await db
    .select()
    .from(devices)
    .where(and(eq(devices.id, deviceId), deviceScopeCondition(db, grants, devices.id, devices.ownerId)));
  if (!device) throw new AppError("NOT_FOUND", "No such device.");
  return device;
}
