#!/usr/bin/env node
import { runFromProcess } from '../dist/src/cli.js';

await runFromProcess();
