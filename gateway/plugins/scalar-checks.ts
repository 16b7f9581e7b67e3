import { isScalarType } from 'graphql';
import { clientError, ErrorCode } from '../../subgraphs/kit/protocol/errors';
import { ResidentIdNumber, USCC } from '../../subgraphs/kit/protocol/scalars';
import type { GatewayPlugin } from '../runtime';

// The supergraph's scalars are opaque; give the gateway the real USCC / resident-id checks so a bad
// code is refused at the door, naming the variable and the check character, before any planning.
// And every String a request brings is text: graphql-js refuses an unpaired surrogate in the query's own
// literals, but a variable's JSON may hold one ("\ud800"), which a database would store as U+FFFD, so
// that the value read back is not the value sent.
export function useScalarChecks(): GatewayPlugin {
  return {
    name: 'scalar-checks',
    onSchema(apiSchema) {
      for (const scalar of [USCC, ResidentIdNumber]) {
        const type = apiSchema.getType(scalar.name);
        if (isScalarType(type)) Object.assign(type, { parseValue: scalar.parseValue, parseLiteral: scalar.parseLiteral });
      }
    },
    onRequest({ req, body }) {
      const at = illFormedAt(body?.variables ?? (req.method === 'GET' ? getVariables(req.url) : null));
      if (at) {
        const message = `variable ${at} holds an unpaired UTF-16 surrogate, which is not a character`;
        throw clientError(ErrorCode.BAD_USER_INPUT, message, { field: at, rule: 'UNPAIRED_SURROGATE', http: { status: 400 } });
      }
    },
  };
}

function getVariables(url: string | undefined): unknown {
  try {
    return JSON.parse(new URL(url ?? '/', 'http://x').searchParams.get('variables') ?? 'null');
  } catch {
    return null; // the server answers malformed variables itself
  }
}

/** Where in the variables a string is not well-formed UTF-16 (`records[3].title`), or null; without recursion, whatever the nesting. */
export function illFormedAt(variables: unknown): string | null {
  const stack: [unknown, string][] = [[variables, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (!value.isWellFormed()) return path;
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push([value[i], `${path}[${i}]`]);
    } else if (value && typeof value === 'object') {
      for (const k in value) stack.push([(value as Record<string, unknown>)[k], path ? `${path}.${k}` : k]);
    }
  }
  return null;
}
