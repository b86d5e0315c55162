#!/usr/bin/env node
/// <reference types="node" />
// The `losant-tokens` executable. Everything it does is in main.ts, where tests run it in process.
import * as nodeModule from "node:module";

// Node 22.1+ keeps the compiled code of the CLI's modules on disk between runs (in the system's temporary
// folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off), which shortens start-up; Node 20 has no such API. It
// must be on before main.js loads: hence main.js's dynamic import below.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { runProcess } = await import("./main.js");

process.exitCode = await runProcess(process);
