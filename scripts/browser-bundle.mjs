// Bundles an entry for browsers the way a user's bundler would (esbuild, minified ESM, code splitting),
// and names any Node built-in it would pull in. Shared by `npm run size` and the packaging test.
import path from "node:path";
import { build } from "esbuild";

/**
 * Resolves with the minified bundle a page loads first (the entry and the chunks it imports statically),
 * what it loads only on a dynamic `import()` (`lazy`, such as the validators of `validateResponses`), the
 * input files that put code into either (tree-shaken files do not) and how many bytes each put there, and
 * the Node built-ins (`node:…`, or left external) it imports. Input paths are relative to the working
 * folder; the program itself is `sourcefile`.
 */
export async function bundleForBrowser(contents, resolveDir, sourcefile = "<stdin>", { splitting = true } = {}) {
  const result = await build({
    stdin: { contents, resolveDir, loader: "js", sourcefile },
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    // As Vite, Rollup and webpack do: what is imported dynamically becomes a chunk of its own. A page that
    // runs the code as one classic script needs it whole (`splitting: false`): chunks joined into one script
    // would share one scope and keep their imports of each other.
    splitting,
    outdir: "bundle",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const { outputs } = result.metafile;
  const text = new Map(result.outputFiles.map((file) => [path.relative(process.cwd(), file.path), file.contents]));
  const loaded = new Set();
  const load = (file) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const imported of outputs[file].imports)
      if (imported.kind === "import-statement" && outputs[imported.path]) load(imported.path);
  };
  load(Object.keys(outputs).find((file) => outputs[file].entryPoint));
  const join = (files) => Buffer.concat(files.map((file) => text.get(file)));
  const files = Object.keys(outputs).filter((file) => file.endsWith(".js"));
  const bytes = {};
  for (const file of files)
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file].inputs))
      bytes[input] = (bytes[input] ?? 0) + bytesInOutput;
  const inputs = Object.keys(bytes).filter((file) => bytes[file] > 0);
  const builtins = Object.values(result.metafile.inputs)
    .flatMap((input) => input.imports)
    .filter((imported) => imported.path.startsWith("node:") || imported.external)
    .map((imported) => imported.path);
  return { code: join([...loaded]), lazy: join(files.filter((file) => !loaded.has(file))), inputs, bytes, builtins };
}
