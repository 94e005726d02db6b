import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { AppError, isAppError } from "../errors";
import type { Context } from "./context";

type Issue = { path?: readonly (PropertyKey | { key: PropertyKey })[]; message: string };

/**
 * Validation issues as {field: [messages]}, whichever schema library produced them (zod, zod/mini
 * or any Standard Schema validator): they all carry `issues` with a path and a message.
 */
function fieldErrorsOf(cause: unknown): Record<string, string[]> | null {
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return null;
  const errors: Record<string, string[]> = {};
  for (const issue of issues as Issue[]) {
    const first = issue.path?.[0];
    const key = String(typeof first === "object" && first !== null ? first.key : (first ?? ""));
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Live subscriptions (SSE): a ping keeps proxies from closing an idle stream; clients reconnect.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      // Never leak internals (SQL, stack traces) to the client.
      message: internal ? "Something went wrong on our side. Please try again." : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        appCode: isAppError(cause) ? cause.code : null,
        details: isAppError(cause) ? (cause.details ?? null) : null,
        // Field errors the forms show beside each input.
        fieldErrors: fieldErrorsOf(cause),
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** The domain error as the tRPC error it maps to (server/errors.ts); anything else unchanged. */
export function toTRPCError(error: unknown): unknown {
  return isAppError(error) ? new TRPCError({ code: error.trpcCode, message: error.message, cause: error }) : error;
}

/** Applies that mapping once for every procedure. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isAppError(result.error.cause)) throw toTRPCError(result.error.cause as AppError);
  return result;
});

export const baseProcedure = t.procedure.use(domainErrors);
