import { describe, expect, it } from "vitest";
import { clientIp } from "@/server/http/client-ip";
import { isSameOrigin } from "@/server/http/same-origin";

describe("client address", () => {
  it("takes the hop this server saw unless a proxy is trusted", () => {
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" });
    expect(clientIp(headers, false)).toBe("10.0.0.7");
    expect(clientIp(headers, true)).toBe("6.6.6.6");
  });

  it("normalizes IPv4-mapped addresses and handles a missing header", () => {
    expect(clientIp({ "x-forwarded-for": "::ffff:127.0.0.1" }, false)).toBe("127.0.0.1");
    expect(clientIp(new Headers(), false)).toBeNull();
  });
});

describe("same-origin check", () => {
  const request = (headers: Record<string, string>) => new Request("http://ward.test/api/trpc/x", { method: "POST", headers });

  it("accepts requests from Ward's own pages", () => {
    expect(isSameOrigin(request({ origin: "http://ward.test", host: "ward.test" }))).toBe(true);
    expect(isSameOrigin(request({ "sec-fetch-site": "same-origin", host: "ward.test" }))).toBe(true);
  });

  it("refuses cross-site requests", () => {
    expect(isSameOrigin(request({ origin: "https://evil.example", host: "ward.test" }))).toBe(false);
    expect(isSameOrigin(request({ "sec-fetch-site": "cross-site", host: "ward.test" }))).toBe(false);
    expect(isSameOrigin(request({ origin: "null", host: "ward.test" }))).toBe(false);
  });
});
