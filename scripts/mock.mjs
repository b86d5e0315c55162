#!/usr/bin/env node
// `npm run mock`: Prism on http://127.0.0.1:4010 (PORT overrides), serving the spec's examples until Ctrl-C.
// Prism must not outlive this script, however the chain npm → this script → Prism is stopped (`exec` in
// the npm script leaves no shell between npm and this script: dash holds back a SIGINT that npm passes
// on until its child exits). A signal here stops Prism; killed outright, this script takes Prism with
// it (lifeline.mjs); and when npm goes away without a word, this script notices and stops.
import { endWithParent, portFromEnv } from "./lifeline.mjs";
import { startPrism } from "./prism.mjs";

const port = portFromEnv(4010);

let prism;
let stopping = false;
async function stop(why) {
  if (stopping) return;
  stopping = true;
  await prism?.stop();
  console.log(`Prism stopped (${why}).`);
  process.exit(0);
}
// Handled before Prism starts: stopped during its start-up, this script exits and Prism ends itself.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.once(signal, () => stop(signal));
endWithParent(() => stop("the process that started npm run mock is gone"));

try {
  prism = await startPrism({ port, quiet: false });
} catch (error) {
  console.error(`${error.message}\nIs port ${port} already in use? Try PORT=4011 npm run mock.`);
  process.exit(1);
}
console.log(`Prism mock of openapi/openapi.yaml listening on ${prism.url}`);
console.log(`Point the client at it: createAccessTokensApi({ token: "any-token", baseUrl: "${prism.url}" })`);
console.log("Ctrl-C stops it.");
prism.child.once("exit", (code, signal) => {
  if (stopping) return;
  console.error(`Prism exited unexpectedly (code ${code}, signal ${signal}).`);
  process.exit(1);
});
