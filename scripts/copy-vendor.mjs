// Copy the browser builds of htmx and Alpine.js from node_modules into
// emporium/static/vendor/, so Django serves them itself (never from a CDN).
// Plain Node instead of `cp` keeps `npm run build` working on every OS.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "emporium", "static", "vendor");

const files = [
  ["htmx.org/dist/htmx.min.js", "htmx.min.js"],
  ["alpinejs/dist/cdn.min.js", "alpine.min.js"],
];

mkdirSync(target, { recursive: true });
for (const [source, name] of files) {
  const from = join(root, "node_modules", source);
  if (!existsSync(from)) {
    console.error(`copy-vendor: ${from} is missing; run "npm ci" first.`);
    process.exit(1);
  }
  copyFileSync(from, join(target, name));
  console.log(`copy-vendor: ${source} -> emporium/static/vendor/${name}`);
}
