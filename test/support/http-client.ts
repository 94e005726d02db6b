/**
 * A tiny browser stand-in for HTTP-level tests: keeps cookies per host (like browsers, ignoring
 * the port) and follows redirects by hand so each hop can be inspected.
 */
export class HttpClient {
  private jar = new Map<string, Map<string, string>>();

  private cookiesFor(url: URL): Map<string, string> {
    let cookies = this.jar.get(url.hostname);
    if (!cookies) this.jar.set(url.hostname, (cookies = new Map()));
    return cookies;
  }

  cookie(url: string, name: string): string | undefined {
    return this.cookiesFor(new URL(url)).get(name);
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const cookies = this.cookiesFor(target);
    const headers = new Headers(init.headers);
    if (cookies.size > 0) headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(target, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const index = pair!.indexOf("=");
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  }

  /** Follows redirects (GET after each hop) until a non-redirect answer or `stopAt` matches. */
  async follow(url: string, init: RequestInit = {}, stopAt?: (url: string) => boolean): Promise<{ response: Response; url: string }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 20; hops++) {
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
      current = new URL(location, current).toString();
      if (stopAt?.(current)) return { response, url: current };
      response = await this.request(current);
    }
    throw new Error(`too many redirects from ${url}`);
  }

  form(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

/** The text a person would read in server-rendered HTML (no scripts, comments or tags). */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}
