import { createCallerFactory, router } from "./init";
import { devicesRouter } from "./routers/devices";
import { enrollmentRouter } from "./routers/enrollment";
import { liveRouter } from "./routers/live";
import { mailboxRouter } from "./routers/mailbox";
import { notificationSettingsRouter } from "./routers/notification-settings";
import { meRouter } from "./routers/me";
import { notificationsRouter } from "./routers/notifications";
import { staffRouter } from "./routers/staff";
import { termsRouter } from "./routers/terms";
import { ticketsRouter } from "./routers/tickets";

export const appRouter = router({
  me: meRouter,
  terms: termsRouter,
  enrollment: enrollmentRouter,
  devices: devicesRouter,
  live: liveRouter,
  notifications: notificationsRouter,
  tickets: ticketsRouter,
  notificationSettings: notificationSettingsRouter,
  mailbox: mailboxRouter,
  staff: staffRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller: server components and tests call procedures directly with a context. */
export const createCaller = createCallerFactory(appRouter);
