#!/usr/bin/env node
"use strict";
// The library is TypeScript; tsx compiles it on the fly (no build step to forget).
require("tsx/cjs");
// `homotopy-ode … | head` closes the pipe early: that is not an error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
const { main } = require("../lib/apps/cli/main.ts");
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
