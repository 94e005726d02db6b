import { readFile } from "node:fs/promises";
import path from "node:path";

// The service worker is built with the app (server/pwa/build-sw.mjs) into the build folder, not
// public/: every build (WARD_DIST_DIR) then serves the worker whose precache lists its own files.
// Read on each request (a few KB, fetched when the browser checks for updates) so a new build is
// picked up without a restart of anything but the build itself.
export const dynamic = "force-dynamic";

const builtWorker = () => path.resolve(process.cwd(), process.env.WARD_DIST_DIR || ".next", "ward-sw.js");

export async function GET() {
  try {
    return new Response(await readFile(builtWorker()), {
      headers: {
        "Content-Type": "text/javascript; charset=utf-8",
        // Browsers must ask each time whether the worker changed: that is how updates are found.
        "Cache-Control": "no-cache",
      },
    });
  } catch {
    return new Response("// No service worker in this build: run `npm run build`.\n", { status: 404, headers: { "Content-Type": "text/javascript; charset=utf-8" } });
  }
}
