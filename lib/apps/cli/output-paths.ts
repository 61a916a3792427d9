/**
 * Output paths are checked before any work starts, so that a folder or file that cannot be written
 * is reported in one line (exit 2) instead of after a whole training run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "./errors";

function reason(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  const why: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "read-only file system",
    ENOTDIR: "a part of the path is a file, not a folder",
    EEXIST: "a file of that name is in the way",
    ENOSPC: "no space left on the device",
  };
  return code && why[code] ? `${why[code]} (${code})` : ((e as Error)?.message ?? String(e));
}

/** Create `dir` if needed and prove it writable by writing and removing a probe file. */
export function ensureWritableDir(flag: string, dir: string): void {
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new UsageError(`${flag} ${dir}: this is a file; expected a folder to write into`);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`${flag} ${dir}: cannot create this folder: ${reason(e)}`);
  }
  const probe = path.join(dir, `.write-probe-${process.pid}`);
  try {
    fs.writeFileSync(probe, "");
  } catch (e) {
    throw new UsageError(`${flag} ${dir}: cannot write into this folder: ${reason(e)}`);
  } finally {
    fs.rmSync(probe, { force: true });
  }
}

/** A file that will be written (atomically, next to itself) later: its folder must be writable. */
export function ensureWritableFile(flag: string, file: string): void {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(`${flag} ${file}: this is a folder; expected a file name`);
  const dir = path.dirname(path.resolve(file));
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new UsageError(`${flag} ${file}: ${dir} is a file, not a folder`);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`${flag} ${file}: cannot create its folder: ${reason(e)}`);
  }
  const probe = path.join(dir, `.${path.basename(file)}.write-probe-${process.pid}`);
  try {
    fs.writeFileSync(probe, "");
  } catch (e) {
    throw new UsageError(`${flag} ${file}: cannot write into ${dir}: ${reason(e)}`);
  } finally {
    fs.rmSync(probe, { force: true });
  }
}
