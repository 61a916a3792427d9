/**
 * Constant folding of checked equation trees: mathjs derivatives are full of 0 − 1, 2 − 1 and
 * x^1, which would otherwise be computed on every call of the generated code.
 */
import type { ConstantNode, MathNode, OperatorNode, ParenthesisNode, SymbolNode } from "mathjs";
import { BINARY, CONSTANTS, own } from "./expressions";
import { pow } from "../../core/index";

/** The value of a subtree without symbols other than constants, else null. */
export function constantValue(node: MathNode): number | null {
  switch (node.type) {
    case "ConstantNode": {
      const v = (node as ConstantNode<string | number | null>).value as unknown;
      return typeof v === "number" ? v : null;
    }
    case "SymbolNode": {
      const c = own(CONSTANTS, (node as SymbolNode).name);
      return c ? c.value : null;
    }
    case "ParenthesisNode":
      return constantValue((node as ParenthesisNode).content);
    case "OperatorNode": {
      const op = node as OperatorNode<never, never>;
      const args = op.args.map(constantValue);
      if (args.some((a) => a === null)) return null;
      const fn = op.fn as string;
      const [a, b] = args as number[];
      if (fn === "unaryMinus") return -a;
      if (fn === "unaryPlus") return a;
      if (fn === "pow") return pow(a, b);
      const binary = own(BINARY, fn);
      return binary ? binary.apply(a, b) : null;
    }
    default:
      return null;
  }
}
