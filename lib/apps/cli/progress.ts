/**
 * Progress for long runs: a redrawn one-line bar on a terminal, plain lines otherwise (CI logs),
 * always on stderr so stdout stays clean for --json.
 */
import { formatDuration } from "../../view/index";

export interface ProgressOptions {
  total: number;
  label: string;
  stream?: NodeJS.WriteStream;
  /** Plain mode: print a line every this fraction of the total (default 0.1). */
  plainEvery?: number;
}

export class Progress {
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly started = Date.now();
  private lastDraw = 0;
  private lastPlainStep = -1;
  constructor(private readonly options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.tty = Boolean(this.stream.isTTY);
  }

  /** Report `done` of `total`, with a short status text. */
  update(done: number, status = ""): void {
    const { total, label } = this.options;
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = done > 0 ? (elapsed / done) * (total - done) : NaN;
    if (this.tty) {
      const now = Date.now();
      if (now - this.lastDraw < 100 && done < total) return;
      this.lastDraw = now;
      const width = 24;
      const filled = Math.round((width * done) / Math.max(total, 1));
      const bar = "█".repeat(filled) + "░".repeat(width - filled);
      const line = `${label} ${bar} ${done}/${total} ${status} ETA ${formatDuration(eta)}`;
      const cols = this.stream.columns || 120;
      this.stream.write(`\r${line.slice(0, cols - 1).padEnd(Math.min(cols - 1, line.length))}\x1b[K`);
    } else {
      const every = Math.max(1, Math.round(total * (this.options.plainEvery ?? 0.1)));
      const step = Math.floor(done / every);
      if (step === this.lastPlainStep && done < total) return;
      this.lastPlainStep = step;
      this.stream.write(`${label} ${done}/${total} ${status} elapsed ${formatDuration(elapsed)} ETA ${formatDuration(eta)}\n`);
    }
  }

  done(message = ""): void {
    if (this.tty) this.stream.write("\r\x1b[K");
    if (message) this.stream.write(message + "\n");
  }
}
