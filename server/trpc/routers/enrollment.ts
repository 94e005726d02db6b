import { z } from "zod";
import { env } from "../../env";
import { createEnrollmentCode, enrollmentCodeStatus } from "../../services/enrollment-codes";
import { router } from "../init";
import { protectedProcedure } from "../procedures";

export const enrollmentRouter = router({
  createCode: protectedProcedure
    .input(z.object({ ownership: z.enum(["personal", "corporate"], "Choose personal or corporate.") }))
    .mutation(({ ctx, input }) =>
      createEnrollmentCode(ctx.db, ctx.user.id, { ownership: input.ownership }, { ip: ctx.ip, userAgent: ctx.userAgent }, env().authUrl),
    ),
  codeStatus: protectedProcedure
    .input(z.object({ codeId: z.uuid() }))
    .query(({ ctx, input }) => enrollmentCodeStatus(ctx.db, ctx.user.id, input.codeId)),
});
