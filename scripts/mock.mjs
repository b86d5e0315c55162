#!/usr/bin/env node
// `npm run mock`: Prism on http://127.0.0.1:4010 (PORT overrides), serving the spec's examples until Ctrl-C.
// Prism must not outlive this script, however the chain npm → this script → Prism is stopped (`exec` in
// the npm script leaves no shell between npm and this script: dash holds back a SIGINT that npm passes
// on until its child exits). A signal here stops Prism; killed outright, this script takes Prism with
// it (lifeline.mjs); and when npm goes away without a word, this script notices and stops.
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { endWithParent, portFromEnv, spawnNode } from "./lifeline.mjs";

const port = portFromEnv(4010);
const url = `http://127.0.0.1:${port}`;
const prismBin = fileURLToPath(new URL("../node_modules/@stoplight/prism-cli/dist/index.js", import.meta.url));
const args = [prismBin, "mock", "openapi/openapi.yaml", "--host", "127.0.0.1", "--port", String(port)];
const prism = spawnNode(args, { cwd: fileURLToPath(new URL("..", import.meta.url)), stdio: ["ignore", "pipe"] });
// Prism's own lines, passed on; once it says it listens, how to use it.
createInterface({ input: prism.stdout }).on("line", (line) => {
  console.log(line);
  if (!line.includes("Prism is listening on")) return;
  console.log(`Point the client at it: createAccessTokensApi({ token: "any-token", baseUrl: "${url}" })`);
  console.log("Ctrl-C stops it.");
});
const exited = new Promise((resolve) => prism.once("exit", resolve));

let stopping = false;
async function stop(why) {
  if (stopping) return;
  stopping = true;
  prism.kill("SIGTERM");
  const killer = setTimeout(() => prism.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(killer);
  console.log(`Prism stopped (${why}).`);
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.once(signal, () => stop(signal));
endWithParent(() => stop("the process that started npm run mock is gone"));
prism.once("exit", (code, signal) => {
  if (stopping) return;
  console.error(`Prism exited (code ${code}, signal ${signal}). Is port ${port} already in use? Try PORT=${port + 1}.`);
  process.exit(1);
});
