#!/usr/bin/env node
import module from 'node:module';

// V8's compile cache (Node >= 22.1) makes later starts skip compiling our modules; Node 20 has none.
module.enableCompileCache?.();

const { runFromProcess } = await import('../dist/cli.js');
await runFromProcess();
