import { z } from "zod";
import { listNotifications, markNotificationsRead, unreadNotificationCount } from "../../services/notifications";
import { router } from "../init";
import { protectedProcedure } from "../procedures";

export const notificationsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listNotifications(ctx.db, ctx.user.id)),
  unreadCount: protectedProcedure.query(({ ctx }) => unreadNotificationCount(ctx.db, ctx.user.id)),
  markRead: protectedProcedure
    .input(z.object({ ids: z.union([z.array(z.uuid()).max(200), z.literal("all")]) }))
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.user.id, input.ids)),
});
