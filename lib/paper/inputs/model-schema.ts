/**
 * The shape of a gray-box model file (equations, parameters, named networks) as a zod schema and
 * its written-out types; no file access or parsing of equations, so run descriptions can embed it.
 */
import { z } from "zod";
import { HIDDEN_ACTIVATIONS } from "../../core/index";

const finite = (what: string) => z.number({ invalid_type_error: `${what} must be a number` }).finite({ message: `${what} must be finite` });
const positiveInt = (what: string) => z.number({ invalid_type_error: `${what} must be a number` }).int({ message: `${what} must be a whole number` }).positive({ message: `${what} must be ≥ 1` });

export const NetworkSpecSchema = z
  .object({
    inputs: z.array(z.string()).min(1, { message: "inputs needs at least one state name" }),
    /** Hidden layer widths. */
    widths: z.array(positiveInt("each width")).default([16, 16]),
    activation: z.enum(HIDDEN_ACTIVATIONS).default("gelu"),
    outputs: positiveInt("outputs").default(1),
  })
  .strict();

export const GrayBoxDefinitionSchema = z
  .object({
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    state: z.array(z.string()).min(1, { message: "state needs at least one name" }),
    params: z.record(z.union([finite("each parameter value"), z.object({ value: finite("parameter value"), fixed: z.boolean().default(false) }).strict()])).default({}),
    rhs: z.record(z.string({ invalid_type_error: "each equation must be a string" })),
    networks: z.record(NetworkSpecSchema).default({}),
  })
  .strict();

export interface NetworkSpec {
  inputs: string[];
  widths: number[];
  activation: (typeof HIDDEN_ACTIVATIONS)[number];
  outputs: number;
}

export interface GrayBoxDefinition {
  name?: string;
  description?: string;
  state: string[];
  params: Record<string, number | { value: number; fixed: boolean }>;
  rhs: Record<string, string>;
  networks: Record<string, NetworkSpec>;
}

