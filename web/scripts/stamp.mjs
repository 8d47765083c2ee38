// After `vite build`: record which sources the build came from (dist/build-info.json).
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sourceHash } from "./source-hash.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const info = { sourceHash: sourceHash(root) };
writeFileSync(join(root, "../src/convilyn/webapp/dist/build-info.json"), JSON.stringify(info, null, 2) + "\n");
console.log(`stamped build with source hash ${info.sourceHash.slice(0, 12)}`);
