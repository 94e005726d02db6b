import { createCallerFactory, router } from "./init";
import { meRouter } from "./routers/me";
import { staffRouter } from "./routers/staff";

export const appRouter = router({
  me: meRouter,
  staff: staffRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller: server components and tests call procedures directly with a context. */
export const createCaller = createCallerFactory(appRouter);
