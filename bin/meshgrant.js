#!/usr/bin/env node
// Runs the compiled CLI (`npm run build` or `npm ci` compiles it to dist/).
require('../dist/cli/main.js').main();
