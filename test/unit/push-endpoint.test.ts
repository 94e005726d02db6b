import { describe, expect, it } from "vitest";
import { hostMatches, isAllowedPushEndpoint } from "@/server/notifications/push-endpoint";

describe("push endpoint allowlist", () => {
  it("accepts the browsers' push services over https", () => {
    for (const endpoint of [
      "https://fcm.googleapis.com/fcm/send/dXk2:APA91b",
      "https://updates.push.services.mozilla.com/wpush/v2/gAAAAAB",
      "https://web.push.apple.com/QGx3",
      "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
      "https://FCM.GoogleAPIs.com/fcm/send/x",
    ]) {
      expect(isAllowedPushEndpoint(endpoint, []), endpoint).toBe(true);
    }
  });

  it("refuses anything else: other hosts, look-alikes, http, credentials, non-URLs", () => {
    for (const endpoint of [
      "https://push.example.com/x",
      "https://169.254.169.254/latest/meta-data",
      "https://fcm.googleapis.com.evil.example/x",
      "https://evilfcm.googleapis.com/x",
      "https://push.apple.com/x", // "*.push.apple.com" means subdomains only
      "https://notpush.apple.com/x",
      "https://fcm.googleapis.com./x",
      "http://fcm.googleapis.com/fcm/send/x",
      "https://user:pass@fcm.googleapis.com/fcm/send/x",
      "ftp://fcm.googleapis.com/x",
      "fcm.googleapis.com/fcm/send/x",
      "",
    ]) {
      expect(isAllowedPushEndpoint(endpoint, []), endpoint).toBe(false);
    }
  });

  it("adds the WARD_PUSH_HOSTS hosts, exact or '*.' for subdomains, https only", () => {
    const extra = ["push.acme.example", "*.push.example.net"];
    expect(isAllowedPushEndpoint("https://push.acme.example:8443/s/1", extra)).toBe(true);
    expect(isAllowedPushEndpoint("https://eu.push.example.net/s/1", extra)).toBe(true);
    expect(isAllowedPushEndpoint("https://push.example.net/s/1", extra)).toBe(false);
    expect(isAllowedPushEndpoint("https://other.acme.example/s/1", extra)).toBe(false);
    expect(isAllowedPushEndpoint("http://push.acme.example/s/1", extra)).toBe(false);
  });

  it("allows plain http only to 127.0.0.1, and only when WARD_PUSH_HOSTS lists it", () => {
    expect(isAllowedPushEndpoint("http://127.0.0.1:4567/ok/1", [])).toBe(false);
    expect(isAllowedPushEndpoint("http://127.0.0.1:4567/ok/1", ["127.0.0.1"])).toBe(true);
    expect(isAllowedPushEndpoint("https://127.0.0.1:4567/ok/1", ["127.0.0.1"])).toBe(true);
    for (const endpoint of ["http://localhost:4567/x", "http://127.0.0.2/x", "http://[::1]/x", "http://10.0.0.1/x"]) {
      expect(isAllowedPushEndpoint(endpoint, ["127.0.0.1"]), endpoint).toBe(false);
    }
  });

  it("matches '*.' patterns on a label boundary", () => {
    expect(hostMatches("a.b.push.apple.com", "*.push.apple.com")).toBe(true);
    expect(hostMatches("xpush.apple.com", "*.push.apple.com")).toBe(false);
    expect(hostMatches("fcm.googleapis.com", "fcm.googleapis.com")).toBe(true);
    expect(hostMatches("x.fcm.googleapis.com", "fcm.googleapis.com")).toBe(false);
  });
});
