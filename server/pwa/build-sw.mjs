// Builds the service worker after `next build` (part of `npm run build`); app/sw.js/route.ts serves
// it at /sw.js. esbuild bundles the TypeScript source (server/pwa/sw.ts), then workbox-build
// injects the precache manifest: every file of the production build's static output
// (content-hashed, served as /_next/static/…) and the offline page, versioned by the build ID.
// Respects WARD_DIST_DIR like next.config.js.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { injectManifest } from "workbox-build";

const root = path.resolve(import.meta.dirname, "../..");
const distDir = path.resolve(root, process.env.WARD_DIST_DIR || ".next");
const buildIdFile = path.join(distDir, "BUILD_ID");
if (!fs.existsSync(buildIdFile)) {
  console.error(`build-sw: no production build in ${distDir} (run next build first)`);
  process.exit(1);
}
const buildId = fs.readFileSync(buildIdFile, "utf8").trim();
const swSrc = path.join(distDir, "sw.src.js");
// In the build folder, so parallel builds (WARD_DIST_DIR) each keep the worker that matches them.
const swDest = path.join(distDir, "ward-sw.js");

const started = Date.now();
await build({
  entryPoints: [path.join(root, "server/pwa/sw.ts")],
  outfile: swSrc,
  bundle: true,
  format: "iife",
  target: "es2020",
  minify: true,
  legalComments: "none",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});

const { count, size, warnings } = await injectManifest({
  swSrc,
  swDest,
  globDirectory: path.join(distDir, "static"),
  globPatterns: ["**/*.{js,css,woff,woff2,png,svg,ico,webp,avif}"],
  // Next serves these at /_next/static/ with immutable caching: names are content hashes or carry
  // the build ID, so the URL itself is the version.
  modifyURLPrefix: { "": "/_next/static/" },
  dontCacheBustURLsMatching: /./,
  // The offline page is rendered per request (it shows the support contact from the settings):
  // this build's copy is the fallback the worker keeps with the build's assets; sw.ts also keeps a
  // fresher copy of its own ("ward-offline").
  additionalManifestEntries: [{ url: "/offline", revision: buildId }],
  maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
});
for (const warning of warnings) console.warn(`build-sw: ${warning}`);
// Mark the build for this version, so even an identical asset set gives a new worker per build.
fs.appendFileSync(swDest, `\n// ward build ${buildId}\n`);
fs.rmSync(swSrc, { force: true });

console.log(`build-sw: ${path.relative(root, swDest)} precaches ${count} files (${(size / 1024).toFixed(0)} KiB) in ${Date.now() - started} ms`);
