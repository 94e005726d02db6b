import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { describe } from "vitest";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
export const chromiumPath = candidates.find((candidate) => fs.existsSync(candidate)) ?? null;

if (!chromiumPath) {
  const message =
    "\n" +
    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n" +
    "!! BROWSER TESTS SKIPPED: no Chromium found (looked at " + candidates.join(", ") + ").\n" +
    "!! Install one with:  sudo apt-get install -y chromium   (or set CHROMIUM_PATH)\n" +
    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n";
  if (process.env.REQUIRE_BROWSER_TESTS === "1") {
    throw new Error(`REQUIRE_BROWSER_TESTS=1 but no Chromium is installed.${message}`);
  }
  console.warn(message);
}

/** `describe` when a browser is available, else a loudly announced skip. */
export const describeWithBrowser = chromiumPath ? describe : describe.skip;

export function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error("no Chromium");
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
