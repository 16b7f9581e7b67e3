import {
  getNamedType, isAbstractType, isCompositeType, Kind, SchemaMetaFieldDef, TypeMetaFieldDef, TypeNameMetaFieldDef,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField,
  type GraphQLObjectType, type GraphQLSchema, type InlineFragmentNode, type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { fragmentsOf, operationOf } from '../document-parts';
import { privateAlias } from './private-names';

// Turns the (authorization-filtered) operation into the document the query planner sees, so that
// the plan depends on what is asked, never on how it is spelled:
// - every alias becomes a private `__alias_` name: @apollo/gateway builds entity representations
//   (keys, @requires) from response keys, so a client alias reusing a field's name would steer them;
// - fragments are inlined and type conditions flattened: under an object type a fragment that
//   applies is spliced in (the planner drops nested abstract conditions such as
//   `... on CreditSubject { ... on LegalPerson { … } }`); under an abstract type the selection becomes
//   one `... on Object` per possible type, holding exactly what CollectFields (GraphQL spec 6.3.2)
//   selects for that type, in that order, so the response keys keep the client's order;
// - repeated fields are merged into their first occurrence (spec 6.3.2 "FieldsInSetCanMerge").
// Fields and fragments carrying directives (@skip/@include) are kept apart, never merged.
// Nodes keep their `loc`, so error locations still point into the client's source.

interface Context {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
}

/** A field being collected: its first node, and the selection sets of every occurrence to merge. */
interface Collected {
  node: FieldNode;
  sets: SelectionSetNode[];
}

function fieldDef(ctx: Context, parent: GraphQLObjectType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent === ctx.schema.getQueryType() && name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
  if (parent === ctx.schema.getQueryType() && name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  return parent.getFields()[name];
}

/** Does a fragment with this type condition apply to objects of `type` (spec 6.3.2 DoesFragmentTypeApply)? */
function applies(ctx: Context, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = ctx.schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && ctx.schema.isSubType(conditionType, type);
}

/** The selections CollectFields yields for objects of `type`, fragments spliced, repeated fields merged. */
function collect(ctx: Context, selections: readonly SelectionNode[], type: GraphQLObjectType): SelectionNode[] {
  const out: (Collected | SelectionNode)[] = [];
  const byKey = new Map<string, Collected>();
  const add = (list: readonly SelectionNode[]) => {
    for (const sel of list) {
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        const seen = sel.directives?.length ? undefined : byKey.get(key);
        if (seen) {
          if (sel.selectionSet) seen.sets.push(sel.selectionSet);
          continue;
        }
        const collected = { node: sel, sets: sel.selectionSet ? [sel.selectionSet] : [] };
        if (!sel.directives?.length) byKey.set(key, collected);
        out.push(collected);
        continue;
      }
      const fragment = sel.kind === Kind.FRAGMENT_SPREAD ? ctx.fragments.get(sel.name.value) : undefined;
      const condition = sel.kind === Kind.INLINE_FRAGMENT ? sel.typeCondition?.name.value : fragment?.typeCondition.name.value;
      const body = sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : fragment?.selectionSet;
      if (!body || !applies(ctx, condition, type)) continue;
      if (!sel.directives?.length) {
        add(body.selections);
        continue;
      }
      // A conditional fragment stays a fragment (its directive decides at run time), without a type condition.
      const inner = collect(ctx, body.selections, type);
      if (inner.length) out.push(inlineFragment(undefined, inner, sel.directives));
    }
  };
  add(selections);
  return out.map((s) => ('sets' in s ? planField(ctx, s, type) : s));
}

function planField(ctx: Context, { node, sets }: Collected, parent: GraphQLObjectType): FieldNode {
  const alias = node.alias && { ...node.alias, value: privateAlias(node.alias.value) };
  const returns = fieldDef(ctx, parent, node.name.value)?.type;
  const named = returns && getNamedType(returns);
  if (!sets.length || !named || !isCompositeType(named)) return { ...node, alias };
  const merged: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: sets.flatMap((s) => s.selections) };
  return { ...node, alias, selectionSet: { ...sets[0], selections: planSelections(ctx, merged, named) } };
}

function planSelections(ctx: Context, set: SelectionSetNode, parent: GraphQLCompositeType): SelectionNode[] {
  if (!isAbstractType(parent)) return collect(ctx, set.selections, parent);
  const branches = ctx.schema.getPossibleTypes(parent).flatMap((type) => {
    const selections = collect(ctx, set.selections, type);
    return selections.length ? [inlineFragment(type.name, selections)] : [];
  });
  return branches.length ? branches : [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }];
}

function inlineFragment(typeName: string | undefined, selections: SelectionNode[], directives?: InlineFragmentNode['directives']): InlineFragmentNode {
  return {
    kind: Kind.INLINE_FRAGMENT,
    typeCondition: typeName ? { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: typeName } } : undefined,
    directives,
    selectionSet: { kind: Kind.SELECTION_SET, selections },
  };
}

/** The one operation of a validated document, normalized for planning; fragment definitions are gone. */
export function planningDocument(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): DocumentNode {
  const fragments = fragmentsOf(document);
  const operation = operationOf(document, operationName);
  if (!operation) throw new Error('planningDocument: validated document has no such operation');
  const root = schema.getRootType(operation.operation)!;
  const selections = collect({ schema, fragments }, operation.selectionSet.selections, root);
  return { kind: Kind.DOCUMENT, definitions: [{ ...operation, selectionSet: { ...operation.selectionSet, selections } }] };
}
