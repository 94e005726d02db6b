import { z } from "zod";
import { vapidConfig } from "../../notifications/push";
import { getNotificationPreferences, NOTIFICATION_KINDS, OPTIONAL_CHANNELS, setNotificationPreference } from "../../services/notification-preferences";
import { countPushSubscriptions, isPushSubscribed, pushSubscriptionInput, subscribePush, unsubscribePush } from "../../services/push-subscriptions";
import { router } from "../init";
import { protectedProcedure } from "../procedures";

/** F10 settings: which notifications go by e-mail and push, and this browser's push subscription. */
export const notificationSettingsRouter = router({
  preferences: protectedProcedure.query(({ ctx }) => getNotificationPreferences(ctx.db, ctx.user.id)),
  setPreference: protectedProcedure
    .input(z.object({ kind: z.enum(NOTIFICATION_KINDS), channel: z.enum(OPTIONAL_CHANNELS), enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setNotificationPreference(ctx.db, ctx.user.id, input.kind, input.channel, input.enabled)),
  /** The applicationServerKey for pushManager.subscribe(); null when push is not configured. */
  vapidPublicKey: protectedProcedure.query(() => vapidConfig()?.publicKey ?? null),
  pushSubscriptionCount: protectedProcedure.query(({ ctx }) => countPushSubscriptions(ctx.db, ctx.user.id)),
  /** Whether this browser's endpoint receives this user's pushes (it may belong to another account). */
  pushSubscribed: protectedProcedure
    .input(z.object({ endpoint: z.string().max(2048) }))
    .query(({ ctx, input }) => isPushSubscribed(ctx.db, ctx.user.id, input.endpoint)),
  subscribe: protectedProcedure
    .input(pushSubscriptionInput)
    .mutation(({ ctx, input }) => subscribePush(ctx.db, ctx.user.id, input, { ip: ctx.ip, userAgent: ctx.userAgent })),
  unsubscribe: protectedProcedure
    .input(z.object({ endpoint: z.string().max(2048) }))
    .mutation(({ ctx, input }) => unsubscribePush(ctx.db, ctx.user.id, input.endpoint, { ip: ctx.ip, userAgent: ctx.userAgent })),
});
