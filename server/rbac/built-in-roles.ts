import { eq } from "drizzle-orm";
import { roles } from "@/db/schema";
import type { Db } from "@/db/types";
import { recordAudit } from "../audit/record";
import { builtInRoles, type BuiltInRoleKey } from "./permissions";

/**
 * Makes the built-in roles in the database match the code (they are read-only for admins), so an
 * upgrade that changes the catalog updates them. Audited as a system change.
 */
export async function syncBuiltInRoles(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [key, role] of Object.entries(builtInRoles) as [BuiltInRoleKey, (typeof builtInRoles)[BuiltInRoleKey]][]) {
      const wanted = [...role.permissions].sort();
      const [existing] = await tx.select().from(roles).where(eq(roles.builtInKey, key));
      if (existing && existing.name === role.name && [...existing.permissions].sort().join() === wanted.join()) continue;
      const [saved] = await tx
        .insert(roles)
        .values({ builtInKey: key, builtIn: true, name: role.name, description: role.description, permissions: wanted })
        .onConflictDoUpdate({
          target: roles.builtInKey,
          set: { name: role.name, description: role.description, permissions: wanted, builtIn: true, updatedAt: new Date() },
        })
        .returning({ id: roles.id });
      await recordAudit(tx, {
        actor: { kind: "system", label: "bootstrap" },
        action: existing ? "role.builtin_updated" : "role.builtin_created",
        target: { type: "role", id: saved!.id },
        details: { key, permissions: wanted },
      });
    }
  });
}
