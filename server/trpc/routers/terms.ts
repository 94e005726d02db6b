import { z } from "zod";
import { acceptTerms, termsAcceptanceHistory, termsForUser } from "../../services/terms";
import { router } from "../init";
import { protectedProcedure } from "../procedures";

export const termsRouter = router({
  mine: protectedProcedure.query(({ ctx }) => termsForUser(ctx.db, ctx.user.id)),
  /** Every acceptance of the user, newest first: "what you accepted and when". */
  history: protectedProcedure.query(({ ctx }) => termsAcceptanceHistory(ctx.db, ctx.user.id)),
  accept: protectedProcedure
    .input(z.object({ versionId: z.uuid("Choose the terms version to accept.") }))
    .mutation(({ ctx, input }) => acceptTerms(ctx.db, ctx.user.id, input.versionId, { ip: ctx.ip, userAgent: ctx.userAgent })),
});
