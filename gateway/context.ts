import type { Caller } from '../subgraphs/kit/caller';

export interface GatewayContext {
  caller: Caller;
}
