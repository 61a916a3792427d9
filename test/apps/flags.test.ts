/** Typed flags: one table gives parsing (typed values, errors naming the flag and the form) and the help's option lines. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { flag, flagHelp, parseCommandFlags } from "../../lib/apps/cli/flags";
import { UsageError } from "../../lib/apps/cli/errors";
import { METHODS } from "../../lib/paper/experiments/config";

const TABLE = {
  method: flag.choice({ choices: METHODS, help: "training method" }),
  kind: flag.choice({ choices: ["surface", "contour"], default: "surface", help: "the figure's kind" }),
  lr: flag.number({ shownDefault: "0.05", help: "learning rate" }),
  range: flag.number({ default: 0.2, help: "grid half-width" }),
  epochs: flag.integer({ min: 1, help: "epochs" }),
  seed: flag.integer({ min: 0, default: 10, help: "seed" }),
  u0: flag.numbers({ help: "initial state" }),
  states: flag.strings({ placeholder: "a,b,...", help: "state columns" }),
  only: flag.repeated({ help: "keep runs containing TEXT (repeatable)" }),
  out: flag.string({ placeholder: "DIR", help: "output folder" }),
  json: flag.boolean({ help: "print JSON" }),
};

const parse = (...argv: string[]) => parseCommandFlags(argv, TABLE, { positionals: true });
const usage = (argv: string[], message: RegExp) => assert.throws(() => parse(...argv), (e: Error) => e instanceof UsageError && message.test(e.message), argv.join(" "));

test("values are typed from the table and defaults filled in", () => {
  const { values, positionals } = parse("data.csv", "--method", "homotopy", "--lr", "1e-3", "--u0", "1, 2.5", "--states", "x,y", "--only", "a", "--only", "b", "--json");
  // Type-level: these annotations fail to compile if the inferred types change.
  const method: (typeof METHODS)[number] | undefined = values.method;
  const kind: "surface" | "contour" = values.kind;
  const lr: number | undefined = values.lr;
  const range: number = values.range;
  const seed: number = values.seed;
  const u0: number[] | undefined = values.u0;
  const states: string[] | undefined = values.states;
  const only: string[] = values.only;
  const json: boolean = values.json;
  assert.deepEqual({ method, kind, lr, range, seed, u0, states, only, json, epochs: values.epochs, out: values.out }, {
    method: "homotopy", kind: "surface", lr: 1e-3, range: 0.2, seed: 10, u0: [1, 2.5], states: ["x", "y"], only: ["a", "b"], json: true, epochs: undefined, out: undefined,
  });
  assert.deepEqual(positionals, ["data.csv"]);
  assert.equal(parse().values.json, false);
});

test("a negative number after a value flag is its value", () => {
  assert.equal(parse("--lr", "-0.1").values.lr, -0.1);
  assert.equal(parse("--range", "-.5").values.range, -0.5);
  assert.deepEqual(parse("--u0", "-1,2").values.u0, [-1, 2]);
});

test("errors name the flag and the expected form, with did-you-mean", () => {
  usage(["--lr", "fast"], /^--lr: expected a number, got "fast"$/);
  usage(["--lr", ""], /^--lr: expected a number, got ""$/);
  usage(["--epochs", "2.5"], /^--epochs: expected a whole number ≥ 1, got "2.5"$/);
  usage(["--seed", "-1"], /^--seed: expected a whole number ≥ 0, got "-1"$/);
  usage(["--method", "homotpy"], /^--method: expected one of vanilla, multishoot, homotopy, got "homotpy" \(did you mean homotopy\?\)$/);
  usage(["--u0", "1,x"], /^--u0: expected comma-separated numbers, got "1,x"$/);
  usage(["--states", "x,,y"], /^--states: expected comma-separated names, got "x,,y"$/);
  usage(["--epoch", "3"], /^Unknown option '--epoch' \(did you mean --epochs\?\); accepted flags: --method VALUE, .*--json$/);
  usage(["--json=yes"], /--json/);
  assert.throws(() => parseCommandFlags(["extra"], TABLE), /Unexpected argument 'extra'/);
});

test("ranges are not the flags' business: a number of the right form passes", () => {
  assert.equal(parse("--lr", "-5").values.lr, -5);
  assert.equal(parse("--range", "0").values.range, 0);
});

test("the help's option lines come from the table: placeholder, help, default", () => {
  const help = flagHelp(TABLE);
  assert.match(help, /^ {2}--method vanilla\|multishoot\|homotopy\n {27}training method$/m);
  assert.match(help, /^ {2}--kind surface\|contour {3}the figure's kind \(default: surface\)$/m);
  assert.match(help, /^ {2}--lr X {19}learning rate \(default: 0\.05\)$/m);
  assert.match(help, /^ {2}--seed N {17}seed \(default: 10\)$/m);
  assert.match(help, /^ {2}--out DIR {16}output folder$/m);
  assert.match(help, /^ {2}--json {19}print JSON$/m);
  for (const line of help.split("\n")) assert.ok(line.length <= 100, line);
});

test("a choice default must be one of the choices", () => {
  assert.throws(() => flag.choice({ choices: ["a", "b"], default: "c" as "a", help: "x" }), /default "c" is not one of a, b/);
});
