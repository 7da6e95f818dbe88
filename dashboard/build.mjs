// Bundles the dashboard tab into VpiBot/wwwroot/dashboard/ (index.html, config.html, app.js, app.css).
// Run by VpiBot.csproj before its build when the bundle is missing or older than these sources, or by hand:
// `npm run build:dashboard`. Everything the page needs is bundled here; it loads nothing from a CDN.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "VpiBot", "wwwroot", "dashboard");
await mkdir(out, { recursive: true });
await build({
  entryPoints: { app: join(here, "src", "app.js") },
  outdir: out,
  bundle: true,
  minify: true,
  format: "esm",
  target: ["chrome120", "edge120", "safari16", "firefox120"],
  legalComments: "none",
  logLevel: "warning",
});
for (const page of ["index.html", "config.html"]) {
  await copyFile(join(here, page), join(out, page));
}
console.log(`dashboard bundled into ${out}`);
