#!/usr/bin/env node
/// <reference types="node" />
// The `losant-tokens` executable. Everything it does is in main.ts, where tests run it in process.
import { runProcess } from "./main.js";

process.exitCode = await runProcess(process);
