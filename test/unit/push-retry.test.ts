import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, pushOutcome, pushRetryDelayMs, retryAfterMs } from "@/server/jobs/deliver-push";

const MINUTE = 60_000;
const now = new Date("2030-05-01T12:00:00Z");

describe("push delivery policy", () => {
  it("sorts push service answers into sent, gone, retry and reject", () => {
    expect([200, 201, 202].map(pushOutcome)).toEqual(["sent", "sent", "sent"]);
    expect([404, 410].map(pushOutcome)).toEqual(["gone", "gone"]);
    expect([0, 429, 500, 502, 503].map(pushOutcome)).toEqual(["retry", "retry", "retry", "retry", "retry"]);
    expect([301, 400, 401, 403, 413].map(pushOutcome)).toEqual(["reject", "reject", "reject", "reject", "reject"]);
  });

  it("backs off 1, 5, 15, then 60 minutes", () => {
    expect([1, 2, 3, 4].map((attempts) => pushRetryDelayMs(attempts, null, now) / MINUTE)).toEqual([1, 5, 15, 60]);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs(" 0 ", now)).toBe(0);
    expect(retryAfterMs("Wed, 01 May 2030 12:10:00 GMT", now)).toBe(10 * MINUTE);
    expect(retryAfterMs("Wed, 01 May 2030 11:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs("-5", now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it("waits at least as long as the push service asks, up to a cap, never less than the backoff", () => {
    expect(pushRetryDelayMs(1, "600", now)).toBe(10 * MINUTE);
    expect(pushRetryDelayMs(3, "30", now)).toBe(15 * MINUTE);
    expect(pushRetryDelayMs(1, "86400", now)).toBe(MAX_RETRY_AFTER_MS);
    expect(pushRetryDelayMs(1, "garbage", now)).toBe(MINUTE);
  });
});
