// Checks of a request's values before anything recurses into them or passes them on: variables (and extensions)
// nested deeper than a limit are a BAD_REQUEST — a 5,000-deep array would otherwise overflow the stack of whatever
// walks it first — and a string with a NUL byte, in a variable or a literal, is a BAD_INPUT naming where it is
// (PostgreSQL refuses NUL in text: without this it is an INTERNAL from the database, or a half-done write).
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ErrorCode, hasNul } from '@yizhan/common';
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
      if (what === 'variables' && hasNul(value)) return nulError(path);
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

const nulError = (field: string) =>
  new GraphQLError(`${field} contains a NUL character (\\u0000), which text may not hold`, { extensions: { code: ErrorCode.BAD_INPUT, field } });

/** A NUL byte in a string literal of the operation, named by its argument and input fields (`input.title`). */
export const noNulLiterals: ValidationRule = (context) => ({
  StringValue(node, _key, parent, _path, ancestors) {
    if (!hasNul(node.value)) return;
    // `ancestors` stops before the parent: the argument or input field holding the string is the parent itself.
    const names = [...ancestors, parent].flatMap((a) => (a && 'kind' in a && (a.kind === 'Argument' || a.kind === 'ObjectField') ? [a.name.value] : []));
    const field = names.join('.') || 'A string';
    const error = nulError(field);
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
