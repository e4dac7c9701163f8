// The vitest workerd pool cannot load the `mongodb` driver from node_modules (its CommonJS graph
// crashes the module loader), so tests alias it to this single pre-bundled ESM file.
// `wrangler dev` and `wrangler deploy` bundle the driver themselves and need none of this.
import { build } from "esbuild";
import { builtinModules } from "node:module";
import { mkdirSync, statSync, existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const out = ".vendor/mongodb.mjs";
const source = "node_modules/mongodb/package.json";
if (existsSync(out) && statSync(out).mtimeMs > statSync(source).mtimeMs) process.exit(0);
mkdirSync(".vendor", { recursive: true });

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
// Optional native add-ons the driver probes for inside try/catch.
const optional = ["kerberos", "snappy", "@mongodb-js/zstd", "@aws-sdk/credential-providers", "gcp-metadata", "socks", "aws4", "mongodb-client-encryption", "@mongodb-js/saslprep"];

// The driver is CommonJS: re-export each of its names so `import { MongoClient } from "mongodb"` works.
const names = Object.keys(createRequire(import.meta.url)("mongodb")).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== "default");
const entry = ".vendor/mongodb-entry.mjs";
writeFileSync(entry, `import driver from "mongodb";\n${names.map((n) => `export const ${n} = driver.${n};`).join("\n")}\nexport default driver;\n`);

await build({
  entryPoints: [entry],
  bundle: true,
  format: "esm",
  platform: "node",
  target: "es2022",
  outfile: out,
  external: optional,
  logLevel: "warning",
  plugins: [
    {
      // Turn `require("net")` into static ESM imports of node:net, which workerd provides.
      name: "node-builtins-as-esm",
      setup(b) {
        b.onResolve({ filter: /.*/ }, (args) => {
          if (builtins.has(args.path) && args.kind === "require-call") return { path: args.path.replace(/^node:/, ""), namespace: "builtin" };
          return undefined;
        });
        b.onLoad({ filter: /.*/, namespace: "builtin" }, (args) => ({
          contents: `import * as m from "node:${args.path}"; module.exports = m.default ?? m;`,
          loader: "js",
        }));
      },
    },
  ],
});
console.log(`bundled mongodb -> ${out}`);
