// The hash of the web app's sources, recorded in the build so a test can tell a stale build without Node.
// Keep in step with tests/web/test_webapp_build.py (same files, same order, same framing).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const SOURCES = ["index.html", "package.json", "package-lock.json", "tsconfig.json", "vite.config.ts", "src"];

function walk(root, path, out) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) walk(root, join(path, name), out);
  } else {
    out.push(relative(root, path).split(sep).join("/"));
  }
}

export function sourceHash(root) {
  const files = [];
  for (const entry of SOURCES) walk(root, join(root, entry), files);
  files.sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file + "\0");
    hash.update(readFileSync(join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}
