import { userSignalHub } from "../../realtime/hub";
import { router } from "../init";
import { protectedProcedure } from "../procedures";

export const liveRouter = router({
  /** What changed for the signed-in user ("devices", "commands", …), as it happens (SSE). */
  updates: protectedProcedure.subscription(async function* ({ ctx, signal }) {
    const hub = await userSignalHub();
    for await (const topic of hub.topics(ctx.user.id, signal)) yield { topic };
  }),
});
