#!/usr/bin/env node
import module from 'node:module';
import { loadCore } from './code-cache.js';

// V8's compile cache (Node >= 22.1) makes later starts skip compiling our modules; on Node 20,
// code-cache.js keeps one for the core.
module.enableCompileCache?.();

const { runFromProcess } = loadCore(new URL('../dist/cli.cjs', import.meta.url));
await runFromProcess();
