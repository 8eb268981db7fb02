// Checks of a request's values before anything recurses into them or passes them on: variables (and extensions)
// nested deeper than a limit are a BAD_REQUEST — a 5,000-deep array would otherwise overflow the stack of whatever
// walks it first — and a string with a NUL byte or half a surrogate pair, in a variable or a literal, is a BAD_INPUT
// naming where it is (PostgreSQL refuses both: without this it is a refusal that names no field, a half-done step
// across two services, or a mutation whose audit entry could not be written).
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ErrorCode, textProblem } from '@yizhan/common';
import { type ASTNode, GraphQLError, type GraphQLSchema, getNamedType, isScalarType, Kind, type ValidationRule, type ValueNode } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';

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

/**
 * How deep the operation's text may nest its brackets ({ [ ( together): far beyond the depth limit the parsed operation
 * is held to (graphql-armor's, 10 levels of fields) and any list an argument takes. The parser recurses once per level
 * before its token limit stops it, and 2,000 nested lists overflowed its stack while its code was still cold — an
 * INTERNAL 500 the parse cache then kept for that text.
 */
export const MAX_TEXT_NESTING = 128;

/** Whether the text nests its brackets deeper than `max`, outside strings, block strings and comments; one pass, no recursion. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '"') {
      if (text.startsWith('"""', i)) {
        const end = text.indexOf('"""', i + 3);
        // A block string's only escape is \""", which indexOf would take for its end: step over escaped ones.
        let close = end;
        while (close > 0 && text[close - 1] === '\\') close = text.indexOf('"""', close + 3);
        i = close < 0 ? text.length : close + 2;
      } else {
        i++;
        while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      }
    } else if (c === '{' || c === '[' || c === '(') {
      if (++depth > max) return true;
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
    }
  }
  return false;
}

const textError = (field: string, problem: 'NUL' | 'LONE_SURROGATE') =>
  new GraphQLError(
    problem === 'NUL'
      ? `${field} contains a NUL character (\\u0000), which text may not hold`
      : `${field} contains half of a surrogate pair (an unpaired \\uD800–\\uDFFF), which is no character`,
    { extensions: { code: ErrorCode.BAD_INPUT, field } },
  );

/** The argument and input fields a literal stands in (`input.title`); `ancestors` stops before the parent. */
type Visited = ASTNode | readonly ASTNode[] | undefined;
const literalPath = (parent: Visited, ancestors: readonly Visited[]) =>
  [...ancestors, parent].flatMap((a) => (a && 'kind' in a && (a.kind === 'Argument' || a.kind === 'ObjectField') ? [a.name.value] : [])).join('.');

/** A NUL byte or a lone surrogate in a string literal of the operation, named by its argument and input fields (`input.title`). */
export const noNulLiterals: ValidationRule = (context) => ({
  StringValue(node, _key, parent, _path, ancestors) {
    const problem = textProblem(node.value);
    if (!problem) return;
    const error = textError(literalPath(parent, ancestors) || 'A string', problem);
    context.reportError(new GraphQLError(error.message, { nodes: [node], extensions: error.extensions }));
  },
});

/** The years a time may name: what PostgreSQL and JavaScript both hold (PostgreSQL has no year 0). */
const YEARS = { min: 1, max: 9999 };

/** What is wrong with a value given as a DateTimeISO, or null. */
export function timeProblem(value: unknown): string | null {
  try {
    // The subgraphs' own scalar (type-graphql's is graphql-scalars'): the same values pass, in the same words.
    const year = (GraphQLDateTimeISO.parseValue(value) as Date).getUTCFullYear();
    return year < YEARS.min || year > YEARS.max ? `DateTimeISO holds the years ${YEARS.min} to ${YEARS.max}, not ${year}` : null;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * The supergraph's DateTimeISO judged as the subgraphs judge it. From the supergraph's text it is a scalar that takes
 * anything, so a wrong time reached a subgraph and came back named by the gateway's own variable
 * (`_createDraft_input.deadline`), with a 200; judged here, it is a 400 naming the client's variable (graphql-js's
 * coercion names the path inside it) and no subgraph is called. What is passed on is what the client sent.
 */
export function judgeTimes(schema: GraphQLSchema) {
  const time = schema.getType('DateTimeISO');
  if (!time || !isScalarType(time)) return;
  time.parseValue = (value) => {
    const problem = timeProblem(value);
    if (problem) throw new GraphQLError(problem);
    return value;
  };
}

/** A time written in the operation itself, judged the same way and named by its argument (`from`, `filter.since`). */
export const timeLiterals: ValidationRule = (context) => {
  const judge = (node: ValueNode, parent: Visited, ancestors: readonly Visited[]) => {
    if (getNamedType(context.getInputType())?.name !== 'DateTimeISO') return;
    const problem = node.kind === Kind.STRING ? timeProblem(node.value) : 'DateTimeISO is written as a string, such as "2026-12-06T08:00:00Z"';
    if (!problem) return;
    const field = literalPath(parent, ancestors) || 'A time';
    context.reportError(new GraphQLError(`Argument "${field}": ${problem}`, { nodes: [node], extensions: { code: ErrorCode.BAD_REQUEST, field } }));
  };
  return {
    StringValue: (node, _k, parent, _p, ancestors) => judge(node, parent, ancestors),
    IntValue: (node, _k, parent, _p, ancestors) => judge(node, parent, ancestors),
    FloatValue: (node, _k, parent, _p, ancestors) => judge(node, parent, ancestors),
    BooleanValue: (node, _k, parent, _p, ancestors) => judge(node, parent, ancestors),
    EnumValue: (node, _k, parent, _p, ancestors) => judge(node, parent, ancestors),
    ObjectValue: (node, _k, parent, _p, ancestors) => judge(node, parent, ancestors),
  };
};

export const inputChecksPlugin = (): GatewayPlugin => ({
  onSchemaChange({ schema }) {
    judgeTimes(schema);
  },
  onParams({ params, setResult }) {
    const problem = valueProblem(params.variables, 'variables') ?? valueProblem(params.extensions, 'extensions') ?? textNestingProblem(params.query);
    if (problem) setResult({ errors: [problem] });
  },
  onValidate({ addValidationRule }) {
    addValidationRule(noNulLiterals);
    addValidationRule(timeLiterals);
  },
});

function textNestingProblem(query: string | undefined): GraphQLError | null {
  if (!query || !nestsDeeperThan(query, MAX_TEXT_NESTING)) return null;
  return new GraphQLError(`The operation nests its brackets deeper than the limit of ${MAX_TEXT_NESTING}`, {
    extensions: { code: ErrorCode.BAD_REQUEST, limit: 'nesting', max: MAX_TEXT_NESTING },
  });
}
