import { createCallerFactory, router } from "./init";
import { devicesRouter } from "./routers/devices";
import { enrollmentRouter } from "./routers/enrollment";
import { meRouter } from "./routers/me";
import { staffRouter } from "./routers/staff";
import { termsRouter } from "./routers/terms";

export const appRouter = router({
  me: meRouter,
  terms: termsRouter,
  enrollment: enrollmentRouter,
  devices: devicesRouter,
  staff: staffRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller: server components and tests call procedures directly with a context. */
export const createCaller = createCallerFactory(appRouter);
