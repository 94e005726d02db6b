import { closeMyRequest, getMyRequest, listMyRequests, openSupportRequest, replyToMyRequest } from "../../services/support-requests";
import { openRequestSchema, replySchema, ticketIdSchema } from "../../support/schemas";
import { router } from "../init";
import { protectedProcedure } from "../procedures";

/** Support requests from the portal (F9): the signed-in user's own tickets only. */
export const ticketsRouter = router({
  mine: protectedProcedure.query(({ ctx }) => listMyRequests(ctx.db, ctx.user.id)),
  get: protectedProcedure.input(ticketIdSchema).query(({ ctx, input }) => getMyRequest(ctx.db, ctx.user.id, input.ticketId)),
  open: protectedProcedure
    .input(openRequestSchema)
    .mutation(({ ctx, input }) => openSupportRequest(ctx.db, ctx.user.id, input, { ip: ctx.ip, userAgent: ctx.userAgent })),
  reply: protectedProcedure
    .input(replySchema)
    .mutation(({ ctx, input }) => replyToMyRequest(ctx.db, ctx.user.id, input, { ip: ctx.ip, userAgent: ctx.userAgent })),
  close: protectedProcedure
    .input(ticketIdSchema)
    .mutation(({ ctx, input }) => closeMyRequest(ctx.db, ctx.user.id, input.ticketId, { ip: ctx.ip, userAgent: ctx.userAgent })),
});
