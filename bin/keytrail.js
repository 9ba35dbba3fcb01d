#!/usr/bin/env node
// The bundle is built by `npm install` (the prepare script); see scripts/build.mjs.
import '../dist/cli.js';
