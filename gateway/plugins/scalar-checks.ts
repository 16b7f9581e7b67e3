import { isScalarType } from 'graphql';
import { ResidentIdNumber, USCC } from '../../subgraphs/kit/protocol/scalars';
import type { GatewayPlugin } from '../runtime';

// The supergraph's scalars are opaque; give the gateway the real USCC / resident-id checks so a bad
// code is refused at the door, naming the variable and the check character, before any planning.
export function useScalarChecks(): GatewayPlugin {
  return {
    name: 'scalar-checks',
    onSchema(apiSchema) {
      for (const scalar of [USCC, ResidentIdNumber]) {
        const type = apiSchema.getType(scalar.name);
        if (isScalarType(type)) Object.assign(type, { parseValue: scalar.parseValue, parseLiteral: scalar.parseLiteral });
      }
    },
  };
}
