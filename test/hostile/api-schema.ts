import { Supergraph } from '@apollo/federation-internals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getNamedType, isObjectType, isUnionType, type GraphQLField, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { deriveSupergraph } from '../../gateway/supergraph';
import { readSupergraphRequirements, ROOT, type Req } from '../support/matrix';

// The API schema clients see, built from schema/supergraph.graphql (as @apollo/gateway builds it),
// and the requirements of every field and type read from the same file's authorization directives.
export const apiSchema: GraphQLSchema = Supergraph.build(deriveSupergraph(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8')).planningSdl)
  .apiSchema()
  .toGraphQLJSSchema();

const { types, fields } = readSupergraphRequirements();

/** What reading `parent.field` demands: the field's own directives and its return type's. */
export function requirementsOf(parent: string, field: GraphQLField<unknown, unknown>): Req[] {
  return [fields.get(`${parent}.${field.name}`), types.get(getNamedType(field.type).name)].filter((r): r is Req => !!r);
}

/** What a fragment on `typeName` demands (a guarded union member). */
export function typeRequirements(typeName: string): Req[] {
  const r = types.get(typeName);
  return r ? [r] : [];
}

export function fieldsOf(type: GraphQLNamedType): GraphQLField<unknown, unknown>[] {
  return isObjectType(type) ? Object.values(type.getFields()) : [];
}

export function membersOf(type: GraphQLNamedType): string[] {
  return isUnionType(type) ? type.getTypes().map((t) => t.name) : [];
}

export const queryFields = fieldsOf(apiSchema.getQueryType()!);
export const mutationFields = fieldsOf(apiSchema.getMutationType()!);

/**
 * Objects whose row belongs to one subject; every generated selection on them also reads the
 * row's key under a reserved alias, so the oracle knows whose data it is looking at.
 */
export const ROW_KEYS: Record<string, string> = { LegalPerson: 'uscc', ListEntry: 'id', Objection: 'id', RepairApplication: 'id' };
export const KEY_ALIAS = 'hostileKey';
export const TYPENAME_ALIAS = 'hostileType';
