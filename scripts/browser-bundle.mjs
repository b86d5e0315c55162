// Bundles an entry for browsers the way a user's bundler would (esbuild, minified ESM), and names any
// Node built-in it would pull in. Shared by `npm run size` and the packaging test.
import { build } from "esbuild";

/**
 * Resolves with the minified bundle, the input files that put code into it (tree-shaken files do not),
 * and the Node built-ins (`node:…`, or left external) it imports.
 */
export async function bundleForBrowser(contents, resolveDir) {
  const result = await build({
    stdin: { contents, resolveDir, loader: "js" },
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [output] = Object.values(result.metafile.outputs);
  const inputs = Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([file]) => file);
  const builtins = Object.values(result.metafile.inputs)
    .flatMap((input) => input.imports)
    .filter((imported) => imported.path.startsWith("node:") || imported.external)
    .map((imported) => imported.path);
  return { code: result.outputFiles[0].contents, inputs, builtins };
}
