import type { Caller } from '../subgraphs/kit/protocol/caller';

export interface GatewayContext {
  caller: Caller;
  /**
   * Set once a mutation got past every plugin to the subgraphs (runtime.ts): from then on it may have
   * written. An object, so Apollo Server's shallow copy of the context shares it with the route.
   */
  readonly progress?: { mutationRan: boolean };
}
