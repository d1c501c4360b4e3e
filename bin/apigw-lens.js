#!/usr/bin/env node
// apigw-lens command line (built from server/src/cli by `npm run build`).
require('../dist/cli.js').runFromProcess();
