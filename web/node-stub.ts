/**
 * Stands in for node:fs in the page's bundle. system-file.ts imports it for reading system files by
 * path; the page passes JSON text, which never reaches it.
 */
function unavailable(): never {
  throw new Error("reading files is not available in the web page; paste the system's JSON instead");
}
export const existsSync = unavailable;
export const readFileSync = unavailable;
