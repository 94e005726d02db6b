/**
 * Which push endpoints Ward will POST to. A subscription's endpoint comes from the browser, i.e.
 * from the user: accepting any URL would let anyone make the server send requests into the
 * internal network (SSRF). So only the push services browsers use are allowed, plus the hosts an
 * administrator lists in WARD_PUSH_HOSTS.
 */

/** Chrome/Edge/Android (FCM), Firefox (Mozilla autopush), Safari (Apple), legacy Edge (WNS). */
export const DEFAULT_PUSH_HOSTS = ["fcm.googleapis.com", "*.push.services.mozilla.com", "*.push.apple.com", "*.notify.windows.com"] as const;

// The tests' local push service; plain http is allowed for it, and only when it is listed.
const LOOPBACK = "127.0.0.1";

export const PUSH_ENDPOINT_REFUSED =
  "must be a push service URL (https://fcm.googleapis.com/…, https://updates.push.services.mozilla.com/…, " +
  "https://web.push.apple.com/…, https://….notify.windows.com/…) — add the host to WARD_PUSH_HOSTS to allow another";

/** "host" matches itself only; "*.host" matches any subdomain of host (not host itself). */
export function hostMatches(hostname: string, pattern: string): boolean {
  return pattern.startsWith("*.") ? hostname.endsWith(pattern.slice(1)) : hostname === pattern;
}

/** Whether Ward may send pushes to this endpoint; extraHosts are WARD_PUSH_HOSTS (lower case). */
export function isAllowedPushEndpoint(endpoint: string, extraHosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  // Credentials in the URL have no place in a push endpoint.
  if (url.username || url.password) return false;
  // URL lower-cases the host; a trailing dot would dodge an exact match, so it simply fails.
  const hosts = [...DEFAULT_PUSH_HOSTS, ...extraHosts];
  if (url.protocol === "http:") return url.hostname === LOOPBACK && extraHosts.includes(LOOPBACK);
  return url.protocol === "https:" && hosts.some((pattern) => hostMatches(url.hostname, pattern));
}
