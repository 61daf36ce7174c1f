#!/usr/bin/env node
// CommonJS (bin/package.json), as is code-cache.js: a run that loads nothing but the core (a JSON
// run, a clean run) then never starts Node's ES module loader, about 9 ms of a start on Node 20.
const Module = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { loadCore } = require('./code-cache.js');

// V8's compile cache (Node >= 22.1) makes later starts skip compiling our modules; on Node 20,
// code-cache.js keeps one for the core.
Module.enableCompileCache?.();

const { runFromProcess } = loadCore(pathToFileURL(path.join(__dirname, '..', 'dist', 'cli.cjs')));
runFromProcess();
