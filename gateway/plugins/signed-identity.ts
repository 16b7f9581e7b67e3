import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../subgraphs/kit/protocol/errors';
import { log } from '../subgraphs/kit/protocol/log';
import type { KeyLike } from 'jose';
import { IDENTITY_HEADER, requestBodyHash, signIdentity } from '../subgraphs/kit/protocol/identity';
import type { GatewayContext } from './context';

// Every subgraph fetch carries the caller's identity, signed for that subgraph and that body.
export class SigningDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: { name: string; url: string },
    private readonly signingKey: KeyLike,
  ) {
    super({ url: config.url });
    this.name = config.name;
  }

  readonly name: string;

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!context?.caller || !request.query) return;
    const token = await signIdentity(context.caller, this.name, requestBodyHash(request.query, request.variables), this.signingKey);
    request.http?.headers.set(IDENTITY_HEADER, token);
    request.http?.headers.set('x-request-id', context.caller.requestId);
  }

  /** A subgraph that cannot be reached is DOWNSTREAM_SERVICE_ERROR naming it, not an anonymous failure. */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (e) {
      if (e instanceof GraphQLError && e.extensions.serviceName) throw e;
      log.warn({ serviceName: this.name, err: (e as Error).message }, 'subgraph fetch failed');
      throw new GraphQLError(`subgraph ${this.name} is unreachable`, {
        extensions: { code: ErrorCode.DOWNSTREAM_SERVICE_ERROR, serviceName: this.name },
      });
    }
  }
}
