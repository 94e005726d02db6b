import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { env } from "../../env";
import { listDemoMailbox } from "../../notifications/mailer";
import { router } from "../init";
import { protectedProcedure } from "../procedures";

/**
 * The demo mailbox (F10): in demo mode without SMTP_URL, e-mail stays in the outbox and the user
 * reads their own messages here. Outside demo mode it does not exist (NOT_FOUND).
 */
export const mailboxRouter = router({
  list: protectedProcedure.input(z.object({ limit: z.number().int().min(1).max(200).default(50) }).optional()).query(({ ctx, input }) => {
    if (!env().demo) throw new TRPCError({ code: "NOT_FOUND", message: "The demo mailbox only exists in demo mode." });
    return listDemoMailbox(ctx.db, ctx.user.id, input?.limit ?? 50);
  }),
});
