#!/usr/bin/env node
"use strict";
// The library is TypeScript; tsx compiles it on the fly (no build step to forget).
require("tsx/cjs");
const { main } = require("../lib/cli/main.ts");
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
