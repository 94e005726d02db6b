import { getDb } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { clientIp } from "../http/client-ip";
import type { RequestMeta } from "../http/request-meta";
import { hitRateLimit, type RateLimitRule } from "../rate-limit";
import type { Db } from "@/db/types";
import { deviceErrorResponse } from "./errors";

export type DeviceRequestContext = { db: Db; meta: RequestMeta };

// Per device: a healthy agent checks in every few minutes, but a burst of commands costs a
// check-in and a result each; this leaves room for 150 commands a minute.
export const deviceRule: RateLimitRule = { limit: 300, windowSeconds: 60 };

/** Counts one request against a limit; over it, a 429 with Retry-After. */
export async function enforceRateLimit(db: Db, key: string, rule: RateLimitRule): Promise<void> {
  const state = await hitRateLimit(db, key, rule);
  if (state.limited) {
    throw new AppError("TOO_MANY_REQUESTS", "Too many requests. Slow down and retry later.", { retryAfterSeconds: state.retryAfterSeconds });
  }
}

/**
 * Wraps a device API route: database, request meta, the per-address rate limit, and the single
 * mapping of errors to the protocol's error body.
 */
export function deviceRoute<P>(handler: (request: Request, ctx: DeviceRequestContext, params: P) => Promise<Response>) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDb();
      const meta: RequestMeta = {
        ip: clientIp(request.headers, env().trustProxy),
        userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? null,
      };
      // Per address across all device endpoints (WARD_DEVICE_REQUESTS_PER_ADDRESS a minute).
      await enforceRateLimit(db, `device-ip:${meta.ip ?? "unknown"}`, { limit: env().deviceRequestsPerAddress, windowSeconds: 60 });
      return await handler(request, { db, meta }, await route.params);
    } catch (error) {
      return deviceErrorResponse(error);
    }
  };
}
