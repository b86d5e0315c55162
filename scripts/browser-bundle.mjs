// Bundles an entry for browsers the way a user's bundler would (esbuild, minified ESM), and names any
// Node built-in it would pull in. Shared by `npm run size` and the packaging test.
import { build } from "esbuild";

/**
 * Resolves with the minified bundle, the input files that put code into it (tree-shaken files do not)
 * and how many bytes each put there, and the Node built-ins (`node:…`, or left external) it imports.
 * Input paths are relative to the working folder; the program itself is `sourcefile`.
 */
export async function bundleForBrowser(contents, resolveDir, sourcefile = "<stdin>") {
  const result = await build({
    stdin: { contents, resolveDir, loader: "js", sourcefile },
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [output] = Object.values(result.metafile.outputs);
  const bytes = Object.fromEntries(Object.entries(output.inputs).map(([file, { bytesInOutput }]) => [file, bytesInOutput]));
  const inputs = Object.keys(bytes).filter((file) => bytes[file] > 0);
  const builtins = Object.values(result.metafile.inputs)
    .flatMap((input) => input.imports)
    .filter((imported) => imported.path.startsWith("node:") || imported.external)
    .map((imported) => imported.path);
  return { code: result.outputFiles[0].contents, inputs, bytes, builtins };
}
