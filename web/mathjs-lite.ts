/**
 * The four mathjs functions the equation modules (lib/paper/systems) use, from a mathjs instance built of only their
 * factories: the page's bundle then leaves out the rest of mathjs (about two thirds of it). SymbolNode (which parse
 * builds anyway) is here for lib/paper/fit/model-file.ts, which the paper index re-exports: esbuild checks its imports
 * even though the page leaves the module out.
 */
import { create, derivativeDependencies, parseDependencies, simplifyCoreDependencies, simplifyDependencies } from "mathjs";

const math = create({ derivativeDependencies, parseDependencies, simplifyCoreDependencies, simplifyDependencies });

export const derivative = math.derivative;
export const parse = math.parse;
export const simplifyCore = math.simplifyCore;
export const simplify = math.simplify;
export const SymbolNode = math.SymbolNode;
