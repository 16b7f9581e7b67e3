import {
  getNamedType, isAbstractType, isCompositeType, isObjectType, isInterfaceType, Kind, OperationTypeNode,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField,
  type GraphQLOutputType, type GraphQLSchema, type OperationDefinitionNode, type SelectionNode, type SelectionSetNode,
} from 'graphql';
import { fragmentsOf, operationOf } from '../document-parts';
import { satisfied, type Grants, type Requirements } from '../../subgraphs/kit/protocol/directives';

// Removes every selection the caller may not see before the operation is planned (Apollo Router's
// authorization semantics): unauthorized fields and type fragments go; `__typename` always stays;
// a field whose whole selection went is dropped too. Each removal is remembered so the executor can
// put `null` back in the response and report UNAUTHORIZED_FIELD_OR_TYPE at its path.

/** Alias under which the concrete type is fetched where a removal applies to one type only. */
export const TYPENAME_ALIAS = '__authz_typename';

export interface Removal {
  /** Response keys from the root to the object holding the removed key (no list indices). */
  path: string[];
  /** The declared type of each field on that path (nullability decides where a null stops). */
  pathTypes: GraphQLOutputType[];
  /** The removed response key, and its declared type (null for a removed fragment marker). */
  key: string;
  keyType: GraphQLOutputType | null;
  /** Applies only to objects of this type (the removal sat in a fragment on it); null = all. */
  onType: string | null;
  /** Reported to the caller (false for a field dropped only because its selection emptied). */
  reported: boolean;
  /** Response keys of the enclosing selection in query order, so a restored null sits where it was asked. */
  order: string[];
}

export interface FilterResult {
  document: DocumentNode;
  removals: Removal[];
  /** Every root selection was removed: nothing to execute. */
  empty: boolean;
  /** Some remaining field carries an authorization requirement: non-public data (needs a purpose). */
  touchesNonPublic: boolean;
  operation: OperationTypeNode;
}

interface Walk {
  schema: GraphQLSchema;
  reqs: Requirements;
  grants: Grants;
  fragments: Map<string, FragmentDefinitionNode>;
  removals: Removal[];
  touchesNonPublic: boolean;
  /** A mutation's own root field is an action, not a read: only what it returns can need a purpose. */
  rootIsAction: boolean;
}

function fieldDef(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function typeAllowed(w: Walk, typeName: string): boolean {
  return satisfied(w.reqs.types.get(typeName), w.grants);
}

/**
 * Filters one selection set. `onType` is the type condition of the enclosing fragment when it
 * narrows an abstract parent. Returns the kept selections and whether the set needs `__typename`.
 */
interface Place {
  path: string[];
  pathTypes: GraphQLOutputType[];
  order: string[];
}

/** The fields of a selection set in order, fragments flattened (GraphQL spec 6.3.2 CollectFields, without conditions). */
function fieldsUnder(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, out: FieldNode[] = []): FieldNode[] {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else {
      const body = sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : fragments.get(sel.name.value)?.selectionSet;
      if (body) fieldsUnder(body, fragments, out);
    }
  }
  return out;
}

/** Response keys of a selection set in order, each once. */
function keysOf(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): string[] {
  return [...new Set(fieldsUnder(set, fragments).map((f) => f.alias?.value ?? f.name.value))];
}

function filterSet(w: Walk, set: SelectionSetNode, parent: GraphQLCompositeType, at: Place, onType: string | null, out: { needsTypename: boolean }): SelectionNode[] {
  const kept: SelectionNode[] = [];
  const remove = (key: string, keyType: GraphQLOutputType, reported: boolean) => {
    w.removals.push({ ...at, key, keyType, onType, reported });
    if (onType) out.needsTypename = true;
  };
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const key = sel.alias?.value ?? sel.name.value;
      if (sel.name.value.startsWith('__')) {
        kept.push(sel);
        continue;
      }
      const def = fieldDef(parent, sel.name.value);
      if (!def) {
        kept.push(sel); // unknown fields are left to validation
        continue;
      }
      const returns = getNamedType(def.type);
      const own = w.reqs.fields.get(`${parent.name}.${def.name}`);
      const ofType = w.reqs.types.get(returns.name);
      if (!satisfied(own, w.grants) || !satisfied(ofType, w.grants)) {
        remove(key, def.type, true);
        continue;
      }
      if ((own || ofType) && !(w.rootIsAction && at.path.length === 0)) w.touchesNonPublic = true;
      if (!sel.selectionSet || !isCompositeType(returns)) {
        kept.push(sel);
        continue;
      }
      const inner = { needsTypename: false };
      const selections = filterSet(w, sel.selectionSet, returns, { path: [...at.path, key], pathTypes: [...at.pathTypes, def.type], order: keysOf(sel.selectionSet, w.fragments) }, null, inner);
      if (!selections.some((s) => !(s.kind === Kind.FIELD && s.alias?.value === TYPENAME_ALIAS))) {
        remove(key, def.type, false); // everything under it was removed
        continue;
      }
      if (inner.needsTypename) selections.push(typenameField());
      kept.push(selections.length === sel.selectionSet.selections.length && !inner.needsTypename && selections.every((s, i) => s === sel.selectionSet!.selections[i]) ? sel : { ...sel, selectionSet: { ...sel.selectionSet, selections } });
      continue;
    }
    // Fragments: an unauthorized type condition removes the fragment; otherwise filter it in place.
    const fragment = sel.kind === Kind.FRAGMENT_SPREAD ? w.fragments.get(sel.name.value) : undefined;
    const condition = sel.kind === Kind.INLINE_FRAGMENT ? sel.typeCondition?.name.value : fragment?.typeCondition.name.value;
    const conditionType = condition ? w.schema.getType(condition) : parent;
    if (!conditionType || !isCompositeType(conditionType)) {
      kept.push(sel);
      continue;
    }
    const narrows = isAbstractType(parent) && conditionType.name !== parent.name ? conditionType.name : onType;
    const body = sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : fragment!.selectionSet;
    if (!typeAllowed(w, conditionType.name)) {
      // Every field the fragment would have answered, through nested fragments too, so that each spelling
      // of the same selection nulls (or keeps) the same object.
      for (const s of fieldsUnder(body, w.fragments)) {
        const type = fieldDef(conditionType, s.name.value)?.type;
        if (type) w.removals.push({ ...at, key: s.alias?.value ?? s.name.value, keyType: type, onType: narrows, reported: false });
      }
      w.removals.push({ ...at, key: `... on ${conditionType.name}`, keyType: null, onType: narrows, reported: true });
      if (narrows) out.needsTypename = true;
      continue;
    }
    const selections = filterSet(w, body, conditionType, at, narrows, out);
    if (selections.length === 0) continue;
    // Spreads are inlined so each use is filtered in its own context (paths and type narrowing).
    kept.push({ kind: Kind.INLINE_FRAGMENT, typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: conditionType.name } }, directives: sel.directives, selectionSet: { kind: Kind.SELECTION_SET, selections } });
  }
  return kept;
}

function typenameField(): FieldNode {
  return { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: TYPENAME_ALIAS }, name: { kind: Kind.NAME, value: '__typename' } };
}

export function filterOperation(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, reqs: Requirements, grants: Grants): FilterResult {
  const fragments = fragmentsOf(document);
  const operation = operationOf(document, operationName);
  if (!operation) throw new Error('filterOperation: validated document has no such operation');
  const root = schema.getRootType(operation.operation)!;
  const w: Walk = { schema, reqs, grants, fragments, removals: [], touchesNonPublic: false, rootIsAction: operation.operation === OperationTypeNode.MUTATION };
  const out = { needsTypename: false };
  const selections = filterSet(w, operation.selectionSet, root, { path: [], pathTypes: [], order: keysOf(operation.selectionSet, fragments) }, null, out);
  if (w.removals.length === 0) return { document, removals: [], empty: false, touchesNonPublic: w.touchesNonPublic, operation: operation.operation };
  const filtered: OperationDefinitionNode = { ...operation, selectionSet: { ...operation.selectionSet, selections } };
  return {
    document: { kind: Kind.DOCUMENT, definitions: [filtered] },
    removals: w.removals,
    empty: selections.length === 0,
    touchesNonPublic: w.touchesNonPublic,
    operation: operation.operation,
  };
}
