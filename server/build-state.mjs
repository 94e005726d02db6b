import fs from "node:fs";
import path from "node:path";

const sources = ["app", "server", "db", "public", "package.json", "package-lock.json", "next.config.js", "tsconfig.json"];

function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A directory's own time changes when a file in it is added or deleted.
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** True when there is no production build or a source file changed after it was made. */
export function buildIsStale(root) {
  let built;
  try {
    built = fs.statSync(path.join(root, process.env.WARD_DIST_DIR || ".next", "BUILD_ID")).mtimeMs;
  } catch {
    return true;
  }
  return sources.some((source) => newestMtime(path.join(root, source)) > built);
}
