/**
 * True when a browser request comes from this site: the Origin header (sent on every cross-site
 * POST by current browsers) or, failing that, Sec-Fetch-Site. Requests without either come from
 * non-browser clients, which carry no ambient cookies to abuse.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin) {
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  const site = request.headers.get("sec-fetch-site");
  return !site || site === "same-origin" || site === "none";
}
