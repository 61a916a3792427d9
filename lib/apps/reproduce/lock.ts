/**
 * One `reproduce` per output folder: two processes writing the same run files and report would
 * interleave their results. The lock is a file naming its owner; a lock whose process is gone
 * (killed, machine rebooted) is stale and taken over.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UsageError } from "../../core/index";

export const LOCK_FILE = ".reproduce.lock";

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

/** Another live process holds the folder: a usage error (pick another folder or wait), not a bug. */
export class FolderLockedError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = "FolderLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM"; // exists, owned by someone else
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockOwner>;
    return typeof v.pid === "number" && typeof v.host === "string" ? { pid: v.pid, host: v.host, startedAt: String(v.startedAt ?? "?") } : null;
  } catch {
    return null;
  }
}

/**
 * Take the lock of `dir` (created if needed) or throw FolderLockedError naming the owner.
 * Returns the release function; `onStale` hears about a stale lock that was taken over.
 */
export function lockFolder(dir: string, onStale?: (owner: LockOwner | null) => void): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me) + "\n", { flag: "wx" });
      return () => {
        if (readOwner(file)?.pid === me.pid) fs.rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as { code?: string }).code !== "EEXIST") throw e;
    }
    const owner = readOwner(file);
    if (owner && owner.host !== me.host) {
      throw new FolderLockedError(`${dir} is in use by a reproduce on host ${owner.host} (pid ${owner.pid}, started ${owner.startedAt}); if that process is gone, delete ${file}`);
    }
    if (owner && isAlive(owner.pid)) {
      throw new FolderLockedError(`${dir} is in use by another reproduce (pid ${owner.pid}, started ${owner.startedAt}); wait for it to finish, or choose another --out`);
    }
    // Stale: its process is gone (or the file was half-written by a crash); take it over.
    onStale?.(owner);
    fs.rmSync(file, { force: true });
  }
  throw new FolderLockedError(`${dir}: could not take the lock ${file}; another reproduce is starting in this folder`);
}
