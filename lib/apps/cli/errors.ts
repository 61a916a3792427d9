/** The CLI's error for bad usage or input: printed as one line (exit code 2), never as a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
