/**
 * The `homotopy-ode` command: dispatch to subcommands. A UsageError (bad usage or input; every input
 * error of the library extends it) → one line on stderr, exit code 2. Anything else is a bug → one
 * line saying so, exit code 1; --debug adds the stack trace to either.
 */
import { benchCommand, BENCH_HELP } from "./bench";
import { trainCommand, TRAIN_HELP } from "./train";
import { reproduceCommand, REPRODUCE_HELP } from "./reproduce";
import { spectrumCommand, SPECTRUM_HELP, SPECTRUM_SUMMARY } from "./spectrum";
import { landscapeCommand, LANDSCAPE_HELP, LANDSCAPE_SUMMARY } from "./landscape";
import { CHECK_COMMAND } from "./check";
import { ASSIGNMENTS_COMMAND } from "./assignments";
import { fitCommand, FIT_HELP, FIT_SUMMARY } from "./fit";
import { predictCommand, PREDICT_HELP, PREDICT_SUMMARY } from "./predict";
import { exportCommand, EXPORT_HELP, EXPORT_SUMMARY } from "./export";
import { packCommand, PACK_HELP, PACK_SUMMARY } from "./pack";
import { UsageError } from "./errors";
import { didYouMean } from "./suggest";

type Command = { run: (argv: string[]) => number | Promise<number>; help: string; summary: string };

const COMMANDS: Record<string, Command> = {
  train: { run: trainCommand, help: TRAIN_HELP, summary: "train one paper config and print its scores" },
  fit: { run: fitCommand, help: FIT_HELP, summary: FIT_SUMMARY },
  predict: { run: predictCommand, help: PREDICT_HELP, summary: PREDICT_SUMMARY },
  export: { run: exportCommand, help: EXPORT_HELP, summary: EXPORT_SUMMARY },
  reproduce: { run: reproduceCommand, help: REPRODUCE_HELP, summary: "run the Table 5 grid and write tables, figures and a report" },
  pack: { run: packCommand, help: PACK_HELP, summary: PACK_SUMMARY },
  spectrum: { run: spectrumCommand, help: SPECTRUM_HELP, summary: SPECTRUM_SUMMARY },
  landscape: { run: landscapeCommand, help: LANDSCAPE_HELP, summary: LANDSCAPE_SUMMARY },
  check: CHECK_COMMAND,
  assignments: ASSIGNMENTS_COMMAND,
  bench: { run: benchCommand, help: BENCH_HELP, summary: "time one training step of the benchmark cases" },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return `homotopy-ode <command> [options]   (homotopy-ode <command> --help for details)\n\nCommands:\n${lines.join("\n")}\n\nAdd --debug to any command to see stack traces.`;
}

/** The one line for an error that is not the user's input: a bug in homotopy-ode. */
function internalErrorLine(command: string, e: unknown): string {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return `homotopy-ode ${command}: internal error, please report it with the command and what --debug prints: ${message.split("\n")[0]}`;
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  const [name, ...rest] = args;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`homotopy-ode: unknown command "${name}"${didYouMean(name, Object.keys(COMMANDS))}; expected one of ${Object.keys(COMMANDS).join(", ")}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    const usage = e instanceof UsageError;
    console.error(usage ? `homotopy-ode ${name}: ${e.message}` : internalErrorLine(name, e));
    if (debug) console.error(e instanceof Error ? e.stack : e);
    return usage ? 2 : 1;
  }
}
