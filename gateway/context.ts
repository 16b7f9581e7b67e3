import type { Caller } from '../subgraphs/kit/protocol/caller';

export interface GatewayContext {
  caller: Caller;
}
