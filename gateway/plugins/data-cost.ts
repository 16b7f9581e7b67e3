import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import {
  getNamedType, getNullableType, isCompositeType, isInputObjectType, isListType, Kind, valueFromASTUntyped,
  type FieldNode, type GraphQLCompositeType, type GraphQLField, type SelectionSetNode, type ValueNode,
} from 'graphql';
import { fragmentsOf } from '../document-parts';

// The cost of an operation as the data makes it: a field's children count once per item its list
// arguments ask for (10,000 USCCs × what is asked of each) and once per `first` of a page. Static
// limits see a list variable as one value; this sees its length, after the variables are known.
// The same walk, with another weight per field, estimates a mutation's answer in bytes (answer-size.ts).

/** A page whose field declares no default size. */
export const DEFAULT_PAGE = 20;

type Variables = Record<string, unknown>;
type Field = GraphQLField<unknown, unknown>;

/** The request's variables, with the operation's defaults for those it leaves out (a default list counts by its length too). */
export function variablesOf(rc: Pick<GatewayGraphQLRequestContext, 'operation' | 'request'>): Variables {
  const given = (rc.request.variables ?? {}) as Variables;
  const variables: Variables = {};
  for (const d of rc.operation?.variableDefinitions ?? []) if (d.defaultValue) variables[d.variable.name.value] = valueFromASTUntyped(d.defaultValue);
  return { ...variables, ...given };
}

/** How many items a list argument brings: a literal's, or its variable's length. */
export function lengthOf(value: ValueNode, variables: Variables): number {
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return Array.isArray(v) ? v.length : 1;
  }
  return 1;
}

function intOf(value: ValueNode, variables: Variables): number | null {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE && typeof variables[value.name.value] === 'number') return variables[value.name.value] as number;
  return null;
}

/**
 * How many times the field's selection is resolved per parent: list arguments' lengths, or the page size.
 * Lists of input objects (submitCreditRecords' records) do not multiply the cost: the result is one
 * object; `inputLists` counts them anyway, for an upper bound of an answer holding one item per input.
 */
function multiplier(def: Field, args: readonly { name: { value: string }; value: ValueNode }[], variables: Variables, weighing: Weighing, underInputList: boolean): number {
  let n = 1;
  let sized = false;
  for (const arg of args) {
    const argDef = def.args.find((a) => a.name === arg.name.value);
    if (!argDef || (!weighing.inputLists && isInputObjectType(getNamedType(argDef.type)))) continue;
    if (isListType(getNullableType(argDef.type))) [n, sized] = [Math.max(n, lengthOf(arg.value, variables)), true];
    else if (arg.name.value === 'first') [n, sized] = [Math.max(n, intOf(arg.value, variables) ?? DEFAULT_PAGE), true];
  }
  // An omitted `first` is the schema's default page (listEntries 50, listChanges 100), as the subgraph will read it.
  const first = def.args.find((a) => a.name === 'first');
  if (!sized && first) return typeof first.defaultValue === 'number' ? first.defaultValue : DEFAULT_PAGE;
  // A list no argument sizes (a subject's list entries, its applicable measures) counts as `unsizedLists` items;
  // not the one-per-input list right under a field sized by its input list (submitCreditRecords' results).
  if (!sized && weighing.unsizedLists && !underInputList && isListType(getNullableType(def.type))) return weighing.unsizedLists;
  return n;
}

export interface Weighing {
  /** What one field adds beside its selection: 1 for the cost; its key and value for the answer's bytes. */
  own(sel: FieldNode, def: Field): number;
  /** What a selection set adds beside its fields (an answer's braces). */
  set?: number;
  inputLists?: boolean;
  /** Items a list field that no argument sizes counts as (1 when unset). */
  unsizedLists?: number;
}

/** Sums `own` over the operation's fields, each selection multiplied by its field's list arguments or page. */
export function weigh(rc: GatewayGraphQLRequestContext, weighing: Weighing): number {
  const fragments = fragmentsOf(rc.document);
  const variables = variablesOf(rc);
  const sizedByInputList = (def: Field, sel: FieldNode) =>
    !!weighing.inputLists && (sel.arguments ?? []).some((a) => {
      const argDef = def.args.find((d) => d.name === a.name.value);
      return !!argDef && isListType(getNullableType(argDef.type)) && isInputObjectType(getNamedType(argDef.type));
    });
  const costOf = (set: SelectionSetNode, parent: GraphQLCompositeType, underInputList = false): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        const def = 'getFields' in parent ? parent.getFields()[sel.name.value] : undefined;
        if (!def) continue;
        const type = getNamedType(def.type);
        const inner = sel.selectionSet && isCompositeType(type) ? (weighing.set ?? 0) + costOf(sel.selectionSet, type, sizedByInputList(def, sel)) : 0;
        cost += weighing.own(sel, def) + multiplier(def, sel.arguments ?? [], variables, weighing, underInputList) * inner;
      } else {
        const body = sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : fragments.get(sel.name.value)?.selectionSet;
        const condition = sel.kind === Kind.INLINE_FRAGMENT ? sel.typeCondition?.name.value : fragments.get(sel.name.value)?.typeCondition.name.value;
        const type = condition ? rc.schema.getType(condition) : parent;
        if (body && type && isCompositeType(type)) cost += costOf(body, type, underInputList);
      }
    }
    return cost;
  };
  const root = rc.operation ? rc.schema.getRootType(rc.operation.operation) : undefined;
  return rc.operation && root ? costOf(rc.operation.selectionSet, root) : 0;
}

export function dataCost(rc: GatewayGraphQLRequestContext): number {
  return weigh(rc, { own: () => 1 });
}
