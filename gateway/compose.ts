import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS } from '../subgraphs/kit/protocol/topology';

export const SCHEMA_DIR = join(__dirname, '..', 'schema');
export const SUPERGRAPH_FILE = join(SCHEMA_DIR, 'supergraph.graphql');

// Hints we have read and accept, by code; any other hint fails `npm run compose` and the staleness test.
export const ACCEPTED_HINTS = new Set<string>([]);

export interface CompositionOutcome {
  supergraphSdl?: string;
  errors: string[];
  unacceptedHints: string[];
}

export function composeSupergraph(): CompositionOutcome {
  const result = composeServices(
    SUBGRAPHS.map(({ name, port }) => ({
      name,
      url: `http://127.0.0.1:${port}/graphql`,
      typeDefs: parse(readFileSync(join(SCHEMA_DIR, `${name}.graphql`), 'utf8')),
    })),
  );
  const unacceptedHints = (result.hints ?? []).filter((h) => !ACCEPTED_HINTS.has(h.definition.code)).map((h) => `${h.definition.code}: ${h.message}`);
  if (result.errors) return { errors: result.errors.map((e) => e.message), unacceptedHints };
  return { supergraphSdl: result.supergraphSdl, errors: [], unacceptedHints };
}
