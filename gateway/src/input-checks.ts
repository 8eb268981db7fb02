// Checks of a request's values before anything recurses into them or passes them on: variables (and extensions)
// nested deeper than a limit are a BAD_REQUEST — a 5,000-deep array would otherwise overflow the stack of whatever
// walks it first — and a string with a NUL byte or half a surrogate pair, in a variable or a literal, is a BAD_INPUT
// naming where it is (PostgreSQL refuses both: without this it is a refusal that names no field, a half-done step
// across two services, or a mutation whose audit entry could not be written).
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ErrorCode, textProblem } from '@yizhan/common';
import { GraphQLError, type ValidationRule } from 'graphql';

/** How deep a variable's value may nest: far beyond any input type of the schema, far below any stack. */
export const MAX_VALUE_DEPTH = 64;

/** The first problem of a request's variables or extensions, or null; walked without recursion. */
export function valueProblem(values: Record<string, unknown> | undefined | null, what: 'variables' | 'extensions'): GraphQLError | null {
  if (!values || typeof values !== 'object') return null;
  const stack: [unknown, number, string][] = Object.entries(values).map(([k, v]) => [v, 1, k]);
  while (stack.length) {
    const [value, depth, path] = stack.pop() as [unknown, number, string];
    if (depth > MAX_VALUE_DEPTH) {
      return new GraphQLError(`The ${what} are nested deeper than the limit of ${MAX_VALUE_DEPTH}`, {
        extensions: { code: ErrorCode.BAD_REQUEST, limit: 'variableDepth', max: MAX_VALUE_DEPTH },
      });
    }
    if (typeof value === 'string') {
      const problem = what === 'variables' ? textProblem(value) : null;
      if (problem) return textError(path, problem);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => {
        stack.push([v, depth + 1, `${path}.${i}`]);
      });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) stack.push([v, depth + 1, `${path}.${k}`]);
    }
  }
  return null;
}

const textError = (field: string, problem: 'NUL' | 'LONE_SURROGATE') =>
  new GraphQLError(
    problem === 'NUL'
      ? `${field} contains a NUL character (\\u0000), which text may not hold`
      : `${field} contains half of a surrogate pair (an unpaired \\uD800–\\uDFFF), which is no character`,
    { extensions: { code: ErrorCode.BAD_INPUT, field } },
  );

/** A NUL byte or a lone surrogate in a string literal of the operation, named by its argument and input fields (`input.title`). */
export const noNulLiterals: ValidationRule = (context) => ({
  StringValue(node, _key, parent, _path, ancestors) {
    const problem = textProblem(node.value);
    if (!problem) return;
    // `ancestors` stops before the parent: the argument or input field holding the string is the parent itself.
    const names = [...ancestors, parent].flatMap((a) => (a && 'kind' in a && (a.kind === 'Argument' || a.kind === 'ObjectField') ? [a.name.value] : []));
    const field = names.join('.') || 'A string';
    const error = textError(field, problem);
    context.reportError(new GraphQLError(error.message, { nodes: [node], extensions: error.extensions }));
  },
});

export const inputChecksPlugin = (): GatewayPlugin => ({
  onParams({ params, setResult }) {
    const problem = valueProblem(params.variables, 'variables') ?? valueProblem(params.extensions, 'extensions');
    if (problem) setResult({ errors: [problem] });
  },
  onValidate({ addValidationRule }) {
    addValidationRule(noNulLiterals);
  },
});
