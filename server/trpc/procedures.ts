import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { grantsFor, loadGrants } from "../rbac/grants";
import type { Permission } from "../rbac/permissions";
import { baseProcedure } from "./init";

/** Anyone, signed in or not. */
export const publicProcedure = baseProcedure;

/** A signed-in, active user; ctx.user is read from the database on every call. */
export const protectedProcedure = baseProcedure.use(async ({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  const [user] = await ctx.db
    .select({ id: users.id, email: users.email, name: users.name, status: users.status })
    .from(users)
    .where(eq(users.id, ctx.session.userId));
  if (!user || user.status !== "active") {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session is no longer valid. Sign in again." });
  }
  return next({ ctx: { ...ctx, session: ctx.session, user } });
});

/**
 * Staff procedures. Without an argument: any role assignment (the staff area). With a permission:
 * an assignment that grants it; ctx.staff.grants then holds exactly those grants, which services
 * turn into SQL scope conditions (server/rbac/scope.ts). No right answers FORBIDDEN, never
 * UNAUTHORIZED: the caller is signed in.
 */
export function staffProcedure(permission?: Permission) {
  return protectedProcedure.use(async ({ ctx, next }) => {
    const all = await loadGrants(ctx.db, ctx.user.id);
    const grants = permission ? grantsFor(all, permission) : all;
    if (grants.length === 0) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: permission ? `You do not have the "${permission}" permission.` : "This area is for IT staff.",
      });
    }
    return next({ ctx: { ...ctx, staff: { permission: permission ?? null, grants, allGrants: all } } });
  });
}
