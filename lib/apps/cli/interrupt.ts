/**
 * Ctrl-C (SIGINT) and SIGTERM during a long command: the first one asks the command to stop
 * cleanly (save what is finished, say how to resume); a second one exits at once.
 */
export function onInterrupt(stop: (signal: NodeJS.Signals) => void): { dispose: () => void } {
  let received = 0;
  const handler = (signal: NodeJS.Signals) => {
    received++;
    if (received > 1) process.exit(130);
    process.stderr.write(`\n${signal}: stopping after saving what is finished (press Ctrl-C again to quit at once)\n`);
    stop(signal);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    dispose: () => {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}
