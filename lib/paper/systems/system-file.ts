/** Reading a system definition from a JSON file (or JSON text), checked field by field with zod. */
import * as fs from "node:fs";
import { z } from "zod";
import { defineSystem, EquationSystem, SystemDefinition } from "./defined-system";
import { SystemDefinitionError } from "./expressions";
import { NoiseSchema } from "./noise";

const finiteNumber = (what: string) => z.number({ invalid_type_error: `${what} must be a number` }).finite({ message: `${what} must be finite` });

export const SystemDefinitionSchema = z
  .object({
    name: z.string().min(1, { message: "name must not be empty" }).optional(),
    description: z.string().optional(),
    state: z.array(z.string({ invalid_type_error: "each state name must be a string" })).min(1, { message: "state needs at least one name" }),
    params: z.record(finiteNumber("each parameter value")).optional(),
    rhs: z.record(z.string({ invalid_type_error: "each equation must be a string" })),
    u0: z.array(finiteNumber("each u0 entry")).optional(),
    data: z
      .object({
        tEnd: finiteNumber("data tEnd").positive({ message: "data tEnd must be > 0" }),
        dt: finiteNumber("data dt").positive({ message: "data dt must be > 0" }),
        noise: NoiseSchema.optional(),
        noiseSeed: z.number().int().nonnegative().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/**
 * Read a system definition from a JSON file path or from JSON text (anything starting with "{"),
 * checked field by field. Returns the definition; pass it to defineSystem.
 */
export function parseSystemFile(pathOrJson: string): SystemDefinition {
  const isText = pathOrJson.trimStart().startsWith("{");
  const source = isText ? "system JSON" : pathOrJson;
  let text = pathOrJson;
  if (!isText) {
    if (!fs.existsSync(pathOrJson)) throw new SystemDefinitionError(`system file not found: ${pathOrJson}`);
    text = fs.readFileSync(pathOrJson, "utf8");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new SystemDefinitionError(`${source}: not valid JSON: ${(e as Error).message}`);
  }
  // zod copies records with plain assignment, which would turn a "__proto__" key into a prototype.
  for (const field of ["params", "rhs"] as const) {
    const record = (value as Record<string, unknown> | null)?.[field];
    if (record && typeof record === "object" && Object.prototype.hasOwnProperty.call(record, "__proto__")) {
      throw new SystemDefinitionError(`${source}: field "${field}.__proto__": "__proto__" is reserved by JavaScript; choose another name`);
    }
  }
  const r = SystemDefinitionSchema.safeParse(value);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${source}: field "${i.path.length ? i.path.join(".") : "(top level)"}": ${i.message}`);
    throw new SystemDefinitionError(lines.join("\n"));
  }
  return r.data as unknown as SystemDefinition;
}

/** parseSystemFile then defineSystem. */
export function loadSystemFile(pathOrJson: string): EquationSystem {
  return defineSystem(parseSystemFile(pathOrJson));
}
