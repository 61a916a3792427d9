/**
 * The layer rule of lib/: imports only go down, apps → view → paper → core.
 * `npm run lint:layers` (part of `npm test`) fails on any import against the grain.
 */
const layer = (name) => `^lib/${name}/`;

module.exports = {
  forbidden: [
    {
      name: "core-is-the-bottom",
      comment: "lib/core knows nothing of the paper: it may not import paper, view or apps.",
      severity: "error",
      from: { path: layer("core") },
      to: { path: "^lib/(paper|view|apps|index\\.ts)" },
    },
    {
      name: "paper-sits-on-core",
      comment: "lib/paper may import core, never view or apps.",
      severity: "error",
      from: { path: layer("paper") },
      to: { path: "^lib/(view|apps|index\\.ts)" },
    },
    {
      name: "view-reads-results",
      comment: "lib/view draws and tabulates results: it may import core and paper, never apps.",
      severity: "error",
      from: { path: layer("view") },
      to: { path: "^lib/(apps|index\\.ts)" },
    },
    {
      name: "apps-are-not-public",
      comment: "lib/index.ts is the notebook user's surface: core, paper and view, not the apps.",
      severity: "error",
      from: { path: "^lib/index\\.ts$" },
      to: { path: layer("apps") },
    },
    {
      name: "through-the-index",
      comment:
        "A layer is imported from outside only through its index (lib/X/index.ts): from another layer or from lib/index.ts, " +
        "an import into lib/X/ names lib/X/index, never a module file. `npx tsx tools/layer-interfaces.ts` rewrites such imports.",
      severity: "error",
      from: { path: "^lib/(?:(core|paper|view|apps)/|index\\.ts$)" },
      to: { path: "^lib/(core|paper|view|apps)/", pathNot: ["^lib/$1/", "^lib/(core|paper|view|apps)/index\\.ts$"] },
    },
    {
      name: "no-cycles",
      comment: "Modules that import each other cannot be read one at a time.",
      severity: "error",
      from: { path: "^lib/" },
      to: { circular: true },
    },
    {
      name: "lib-stays-in-lib",
      comment: "The library never imports tests, tools or notebooks.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(test|tools|notebooks|web)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".json"] },
  },
};
