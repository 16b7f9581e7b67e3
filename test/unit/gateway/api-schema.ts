import { Supergraph } from '@apollo/federation-internals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { deriveSupergraph } from '../../../gateway/supergraph';

// The API schema clients see, as @apollo/gateway builds it from schema/supergraph.graphql.
export const apiSchema: GraphQLSchema = Supergraph.build(deriveSupergraph(readFileSync(join(__dirname, '../../../schema/supergraph.graphql'), 'utf8')).planningSdl)
  .apiSchema()
  .toGraphQLJSSchema();
