/**
 * Atomic file writes: write to a temporary file in the same folder, then rename over the target,
 * so a reader (or a resumed run after a kill) never sees a half-written file.
 */
import * as fs from "node:fs";
import * as path from "node:path";

let counter = 0;

export function writeFileAtomic(file: string, contents: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${counter++}`);
  try {
    fs.writeFileSync(tmp, contents);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

export function writeJsonAtomic(file: string, value: unknown, pretty = false): void {
  writeFileAtomic(file, JSON.stringify(value, null, pretty ? 1 : undefined) + "\n");
}

/** Parse a JSON file, or null when it is missing or unreadable (e.g. left behind by a crash of an older version). */
export function readJsonOrNull<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}
