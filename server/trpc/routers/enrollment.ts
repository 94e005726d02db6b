import { z } from "zod";
import { env } from "../../env";
import { createEnrollmentCode, enrollmentCodeStatus } from "../../services/enrollment-codes";
import { enrollmentProgress, enrollmentQrSvg } from "../../services/enrollment-progress";
import { router } from "../init";
import { protectedProcedure } from "../procedures";

export const enrollmentRouter = router({
  /** The code is answered once, with its QR code drawn here so the phone needs no QR library. */
  createCode: protectedProcedure
    .input(z.object({ ownership: z.enum(["personal", "corporate"], "Choose personal or corporate.") }))
    .mutation(async ({ ctx, input }) => {
      const created = await createEnrollmentCode(ctx.db, ctx.user.id, { ownership: input.ownership }, { ip: ctx.ip, userAgent: ctx.userAgent }, env().authUrl);
      return { ...created, qrSvg: await enrollmentQrSvg(created.qrPayload) };
    }),
  codeStatus: protectedProcedure
    .input(z.object({ codeId: z.uuid() }))
    .query(({ ctx, input }) => enrollmentCodeStatus(ctx.db, ctx.user.id, input.codeId)),
  /** The live checklist of one of the user's own codes (refetched on live signals and by polling). */
  progress: protectedProcedure
    .input(z.object({ codeId: z.uuid("This enrollment link is not valid.") }))
    .query(({ ctx, input }) => enrollmentProgress(ctx.db, ctx.user.id, input.codeId)),
});
