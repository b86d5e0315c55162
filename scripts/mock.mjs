#!/usr/bin/env node
// `npm run mock`: Prism on http://127.0.0.1:4010 (PORT overrides), serving the spec's examples until Ctrl-C.
import { startPrism } from "./prism.mjs";

const port = Number(process.env.PORT ?? 4010);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a port number from 1 to 65535, got ${JSON.stringify(process.env.PORT)}.`);
  process.exit(1);
}
let prism;
try {
  prism = await startPrism({ port, quiet: false });
} catch (error) {
  console.error(`${error.message}\nIs port ${port} already in use? Try PORT=4011 npm run mock.`);
  process.exit(1);
}
console.log(`Prism mock of openapi/openapi.yaml listening on ${prism.url}`);
console.log(`Point the client at it: createAccessTokensApi({ token: "any-token", baseUrl: "${prism.url}" })`);
console.log("Ctrl-C stops it.");
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    stopping = true;
    await prism.stop();
    console.log("Prism stopped.");
    process.exit(0);
  });
}
prism.child.once("exit", (code) => {
  if (stopping) return;
  console.error(`Prism exited unexpectedly (code ${code}).`);
  process.exit(1);
});
