import { clientError, ErrorCode } from '../protocol/errors';
import { IDENTITY_HEADER, requestBodyHash, signIdentity } from '../protocol/identity';
import type { KeyFiles } from '../protocol/keys';
import { log } from '../protocol/log';
import { serviceCaller } from './outbox';
import { subgraphUrl, type SubgraphName } from '../protocol/topology';

// A subgraph that needs another's facts to decide a write reads them through the owning subgraph's
// API — the same `_entities` the gateway uses — never its tables (ARCHITECTURE.md "Runtime": a
// subgraph never reads another subgraph's tables). One request per call, as a signed SERVICE caller.

export interface LookupOptions {
  keys: KeyFiles;
  /** Where the other subgraphs are; default from the environment (kit/topology.ts). */
  urlOf?: (name: SubgraphName) => string;
  /** The calling subgraph, named in the service identity (kit/outbox.ts serviceCaller). */
  source: string;
  timeoutMs?: number;
  /** The entity's key field (default `id`; LegalPerson: `uscc`). */
  key?: string;
}

const TYPENAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

function unavailable(target: SubgraphName, why: string): Error {
  log.warn({ target, err: why }, 'entity lookup failed');
  return clientError(ErrorCode.DOWNSTREAM_SERVICE_ERROR, `the ${target} subgraph could not be read; try again later`, { serviceName: target });
}

/** One signed query to another subgraph as a SERVICE caller; DOWNSTREAM_SERVICE_ERROR when it cannot answer. */
export async function serviceQuery<T>(target: SubgraphName, query: string, variables: Record<string, unknown>, options: LookupOptions): Promise<T> {
  let body: { data?: T | null; errors?: { message: string }[] };
  try {
    const token = await signIdentity(serviceCaller(options.source), target, requestBodyHash(query, variables), options.keys.servicePrivate, 'service');
    const response = await fetch((options.urlOf ?? subgraphUrl)(target), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    body = (await response.json()) as typeof body;
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (e) {
    throw unavailable(target, (e as Error).message);
  }
  if (body.errors?.length || !body.data) throw unavailable(target, body.errors?.map((e) => e.message).join('; ') || 'no data');
  return body.data;
}

/**
 * Returns one row per id, in the order of `ids`: the selected fields, or null where the owning
 * subgraph does not know the id. Throws DOWNSTREAM_SERVICE_ERROR when the owner cannot answer.
 */
export async function lookupEntities<T>(
  target: SubgraphName,
  typename: string,
  ids: readonly string[],
  selection: string,
  options: LookupOptions,
): Promise<(T | null)[]> {
  if (!TYPENAME.test(typename) || !TYPENAME.test(options.key ?? 'id')) throw new Error(`not a type or field name: ${typename}, ${options.key}`);
  if (ids.length === 0) return [];
  const query = `query($r:[_Any!]!){ _entities(representations:$r){ ... on ${typename} { ${selection} } } }`;
  const variables = { r: ids.map((id) => ({ __typename: typename, [options.key ?? 'id']: id })) };
  const data = await serviceQuery<{ _entities?: (T | null)[] }>(target, query, variables, options);
  const rows = data._entities;
  if (!Array.isArray(rows) || rows.length !== ids.length) throw unavailable(target, 'malformed _entities answer');
  return rows.map((row) => row ?? null);
}
