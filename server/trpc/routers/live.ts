import { z } from "zod";
import { userSignalHub } from "../../realtime/hub";
import { assertUserInScope } from "../../rbac/scope-checks";
import { router } from "../init";
import { protectedProcedure, staffProcedure } from "../procedures";

export const liveRouter = router({
  /** What changed for the signed-in user ("devices", "commands", …), as it happens (SSE). */
  updates: protectedProcedure.subscription(async function* ({ ctx, signal }) {
    const hub = await userSignalHub();
    for await (const topic of hub.topics(ctx.user.id, signal)) yield { topic };
  }),
  /** The same stream about one user, for a help desk page; only for a user in the caller's scope. */
  userUpdates: staffProcedure("users.read")
    .input(z.object({ userId: z.uuid() }))
    .subscription(async function* ({ ctx, input, signal }) {
      await assertUserInScope(ctx.db, ctx.staff.grants, input.userId);
      const hub = await userSignalHub();
      for await (const topic of hub.topics(input.userId, signal)) yield { topic };
    }),
});
