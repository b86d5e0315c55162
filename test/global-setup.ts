import type { TestProject } from "vitest/node";
import { startPrism } from "./support/prism-process.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock this run started, e.g. http://127.0.0.1:41234. */
    prismUrl: string;
  }
}

/** Owns the one Prism process of a test run: started before any test, stopped after the last. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prism = await startPrism(["mock", "openapi/openapi.yaml"]);
  // Teardown does not run when the run is killed or interrupted; the child must not outlive it anyway.
  const killNow = () => prism.child.kill("SIGKILL");
  process.once("exit", killNow);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killNow();
      process.kill(process.pid, signal);
    });
  }
  project.provide("prismUrl", prism.url);
  return async () => {
    await prism.stop();
    process.off("exit", killNow);
  };
}
