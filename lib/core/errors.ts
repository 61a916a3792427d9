/**
 * The one rule for errors that are the user's input: they extend UsageError. A command-line front end
 * prints such an error as one line (`homotopy-ode CMD: message`, exit code 2) and never as a stack
 * trace; any other error is a bug in this library (exit code 1, "please report").
 *
 * Not usage errors: SolverError (lib/core/ode/errors.ts) is how a solve reports that it could not
 * finish. Training catches it and records the run as diverged, the Hessian losses count it as +∞;
 * where it escapes, the solver cannot tell whether the user asked for something impossible or the
 * numerics are at fault, so the caller that knows the input (e.g. `predict` with its --u0 and --t-end)
 * turns it into a UsageError with that context.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

