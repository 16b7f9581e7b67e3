import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import { GraphQLError, Kind, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import { ErrorCode } from '../../subgraphs/kit/protocol/errors';
import type { GatewayPlugin } from '../runtime';

// @apollo/gateway completes the subgraphs' answers against the schema; a non-null field a subgraph
// left null nulls its nearest nullable parent — up to `data: null` — and, when no subgraph reported an
// error, the gateway puts the reason only under `extensions.valueCompletion`, not in `errors`. A client
// then reads a null with nothing to say why. Innermost wrapper, so the other plugins (alias and probe
// paths, access log, masking) see these errors like any other: every such null leaves with an error in
// `errors` naming the field and its path, DOWNSTREAM_SERVICE_ERROR with the subgraph that owns it.

const FIELD = /non-nullable field (\w+)\.(\w+)/;

const argument = (d: ConstDirectiveNode, name: string) => d.arguments?.find((a) => a.name.value === name)?.value;

/** Type.field → the subgraphs that resolve it (join__field, else every join__type of the type), from the supergraph. */
export function fieldOwners(supergraph: DocumentNode): Map<string, string[]> {
  const graphs = new Map<string, string>();
  const owners = new Map<string, string[]>();
  for (const def of supergraph.definitions) {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION && def.name.value === 'join__Graph') {
      for (const v of def.values ?? []) {
        const name = v.directives?.find((d) => d.name.value === 'join__graph');
        const value = name && argument(name, 'name');
        if (value?.kind === Kind.STRING) graphs.set(v.name.value, value.value);
      }
    }
  }
  const graphOf = (d: ConstDirectiveNode) => {
    const g = argument(d, 'graph');
    return g?.kind === Kind.ENUM ? graphs.get(g.value) : undefined;
  };
  for (const def of supergraph.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeGraphs = (def.directives ?? []).filter((d) => d.name.value === 'join__type').map(graphOf);
    for (const f of def.fields ?? []) {
      const joins = (f.directives ?? []).filter((d) => d.name.value === 'join__field' && argument(d, 'external')?.kind !== Kind.BOOLEAN);
      const own = (joins.length ? joins.map(graphOf) : typeGraphs).filter((g): g is string => !!g);
      owners.set(`${def.name.value}.${f.name.value}`, [...new Set(own)]);
    }
  }
  return owners;
}

/** One valueCompletion entry as a client error: the field, its path, the subgraph that left it null; no internal wording. */
export function completionError(entry: { message?: string; path?: readonly (string | number)[] }, owners: Map<string, string[]>): GraphQLError {
  const [, type, field] = FIELD.exec(entry.message ?? '') ?? [];
  const resolvedBy = type ? owners.get(`${type}.${field}`) ?? [] : [];
  const serviceName = resolvedBy.length === 1 ? resolvedBy[0] : undefined;
  const what = type ? `${type}.${field}` : 'a non-null list element';
  const by = serviceName ? `subgraph ${serviceName}` : 'its subgraph';
  return new GraphQLError(`${what} was answered null by ${by}, though the schema says it is never null: the nearest nullable field above it is null`, {
    path: entry.path,
    extensions: { code: ErrorCode.DOWNSTREAM_SERVICE_ERROR, ...(serviceName ? { serviceName } : {}), ...(type ? { field: what } : {}) },
  });
}

export function useValueCompletion(supergraph: DocumentNode): GatewayPlugin {
  const owners = fieldOwners(supergraph);
  return {
    name: 'value-completion',
    wrapExecutor: (execute: GatewayExecutor): GatewayExecutor => async (rc) => {
      const result = await execute(rc);
      const completion = result.extensions?.valueCompletion as { message?: string; path?: (string | number)[] }[] | undefined;
      if (!completion?.length) return result;
      const { valueCompletion: _moved, ...extensions } = result.extensions!;
      return {
        ...result,
        errors: [...(result.errors ?? []), ...completion.map((e) => completionError(e, owners))],
        extensions: Object.keys(extensions).length ? extensions : undefined,
      };
    },
  };
}
