/**
 * Reads the run files of a `reproduce` folder (DIR/runs/*.json, as `npm run reproduce` or
 * `homotopy-ode reproduce --out DIR` write them), keeping the runs of one profile. A results folder
 * may hold runs of another profile, an interrupted write or foreign files: those are counted and
 * named, not fatal.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Profile, RunResult } from "../../paper/index";

export interface LoadedRuns {
  /** The folder the run files were looked for in (DIR/runs). */
  runsDir: string;
  /** Runs of the requested profile, sorted by id. */
  runs: RunResult[];
  /** Valid run files of other profiles (left out). */
  otherProfiles: number;
  /** Files that are not readable run results (left out). */
  unreadable: string[];
}

function isRunResult(x: unknown): x is RunResult {
  const r = x as RunResult;
  return (
    typeof r === "object" && r !== null && typeof r.id === "string" && typeof r.config === "object" && r.config !== null &&
    typeof r.config.profile === "string" && typeof r.interpMse === "number" && typeof r.history === "object" && r.history !== null && Array.isArray(r.history.mse)
  );
}

/** The runs in DIR/runs whose config.profile is `profile` (all profiles if omitted); none if the folder does not exist. */
export function loadRuns(dir: string, options: { profile?: Profile } = {}): LoadedRuns {
  const runsDir = path.join(dir, "runs");
  const out: LoadedRuns = { runsDir, runs: [], otherProfiles: 0, unreadable: [] };
  if (!fs.existsSync(runsDir)) return out;
  // Dot-files are temporaries of atomic writes (see lib/core/io/atomic.ts).
  const files = fs.readdirSync(runsDir).filter((f) => f.endsWith(".json") && !f.startsWith(".")).sort();
  for (const f of files) {
    let value: unknown;
    try {
      value = JSON.parse(fs.readFileSync(path.join(runsDir, f), "utf8"));
    } catch {
      out.unreadable.push(f);
      continue;
    }
    if (!isRunResult(value)) {
      out.unreadable.push(f);
      continue;
    }
    if (options.profile && value.config.profile !== options.profile) out.otherProfiles++;
    else out.runs.push(value);
  }
  out.runs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}
