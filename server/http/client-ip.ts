/**
 * The client's address. `next start` appends the socket address to x-forwarded-for, so the last
 * entry is the one this server saw; behind a trusted reverse proxy (WARD_TRUST_PROXY) the first
 * entry is the original client. Anything else in the header may be forged.
 */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>, trustProxy: boolean): string | null {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  const hops = (value ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const ip = trustProxy ? hops[0] : hops.at(-1);
  return ip ? ip.replace(/^::ffff:/, "").slice(0, 64) : null;
}
