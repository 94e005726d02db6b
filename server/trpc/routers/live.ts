import { z } from "zod";
import { TRPCError } from "@trpc/server";
import type { Context } from "../context";
import { assertUserInScope } from "../../rbac/scope-checks";
import { router, toTRPCError } from "../init";
import { protectedProcedure, staffProcedure } from "../procedures";

function hubOf(ctx: Context) {
  if (!ctx.userSignals) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Live updates are not available here." });
  return ctx.userSignals();
}

export const liveRouter = router({
  /** What changed for the signed-in user ("devices", "commands", …), as it happens (SSE). */
  updates: protectedProcedure.subscription(async function* ({ ctx, signal }) {
    const hub = await hubOf(ctx);
    for await (const topic of hub.topics(ctx.user.id, signal)) yield { topic };
  }),
  /** The same stream about one user, for a help desk page; only for a user in the caller's scope. */
  userUpdates: staffProcedure("users.read")
    .input(z.object({ userId: z.uuid() }))
    .subscription(async function* ({ ctx, input, signal }) {
      // Errors inside a subscription's stream skip the procedure middleware: map this one here.
      await assertUserInScope(ctx.db, ctx.staff.grants, input.userId).catch((error: unknown) => {
        throw toTRPCError(error);
      });
      const hub = await hubOf(ctx);
      for await (const topic of hub.topics(input.userId, signal)) yield { topic };
    }),
});
