import fc from 'fast-check';
import { getNamedType, isCompositeType, isNonNullType, isUnionType, type GraphQLField, type GraphQLInputType } from 'graphql';
import type { Req } from '../support/matrix';
import { apiSchema, fieldsOf, KEY_ALIAS, membersOf, requirementsOf, TYPENAME_ALIAS, typeRequirements } from './api-schema';
import { confusedValueArb, valueArb, type Pools } from './values';

// Operations as trees generated from the API schema: fields with arguments and aliases (some of them
// another field's name on the same type), union branches, and how each is spelled (alias written out,
// inline / bare / named fragments nested, a field repeated) — the spelling never changes the answer.

export interface ArgUse { name: string; type: GraphQLInputType; value: unknown; asVariable: boolean; confused: unknown }
export type Wrapper = 'inline' | 'bare' | 'named';
export interface Spelling { explicitAlias: boolean; wrappers: Wrapper[]; repeat: boolean }
export interface FieldNode { key: string; field: string; parent: string; args: ArgUse[]; reqs: Req[]; children: SelectionSet | null; spell: Spelling }
export interface Branch { on: string; reqs: Req[]; fields: FieldNode[]; named: boolean }
/** On an object type only `fields`; on a union only `branches`. */
export interface SelectionSet { type: string; fields: FieldNode[]; branches: Branch[] }
export interface Operation { kind: 'query' | 'mutation'; root: SelectionSet }

const MAX_DEPTH = 5;
const NEUTRAL_ALIASES = ['a', 'b', 'x1', 'value'];
type AnyField = GraphQLField<unknown, unknown>;

const spellingArb: fc.Arbitrary<Spelling> = fc.record({
  explicitAlias: fc.boolean(),
  wrappers: fc.oneof({ weight: 3, arbitrary: fc.constant<Wrapper[]>([]) }, fc.array(fc.constantFrom<Wrapper>('inline', 'bare', 'named'), { minLength: 1, maxLength: 2 })),
  repeat: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, fc.constant(true)),
});

export class OperationSpace {
  private readonly selections = new Map<string, fc.Arbitrary<SelectionSet>>();

  constructor(private readonly pools: Pools) {}

  operation(kind: Operation['kind']): fc.Arbitrary<Operation> {
    const rootType = kind === 'query' ? apiSchema.getQueryType()! : apiSchema.getMutationType()!;
    return this.objectFields(rootType.name, 0, kind === 'query' ? 3 : 2).map((fields) => ({ kind, root: uniqueKeys({ type: rootType.name, fields, branches: [] }) }));
  }

  private selection(typeName: string, depth: number): fc.Arbitrary<SelectionSet> {
    const memo = `${typeName}@${depth}`;
    let arb = this.selections.get(memo);
    if (arb) return arb;
    const type = apiSchema.getType(typeName)!;
    arb = isUnionType(type)
      ? fc
          .subarray(membersOf(type), { minLength: 1 })
          .chain((members) => fc.tuple(...members.map((m) => fc.tuple(this.objectFields(m, depth, 3), fc.boolean()).map(([fields, named]) => ({ on: m, reqs: typeRequirements(m), fields, named })))))
          .map((branches) => ({ type: typeName, fields: [], branches }))
      : this.objectFields(typeName, depth, 4).map((fields) => ({ type: typeName, fields, branches: [] }));
    this.selections.set(memo, arb);
    return arb;
  }

  private objectFields(typeName: string, depth: number, maxLength: number): fc.Arbitrary<FieldNode[]> {
    const all = fieldsOf(apiSchema.getType(typeName)!);
    const usable = depth >= MAX_DEPTH ? all.filter((f) => !isCompositeType(getNamedType(f.type))) : all;
    const candidates = usable.length ? usable : all.slice(0, 1);
    return fc
      .array(fc.constantFrom(...candidates), { minLength: 1, maxLength })
      .chain((picked) => fc.tuple(...picked.map((f) => this.node(typeName, f, all, depth))));
  }

  private node(parent: string, field: AnyField, siblings: AnyField[], depth: number): fc.Arbitrary<FieldNode> {
    const others = siblings.map((f) => f.name).filter((n) => n !== field.name);
    const alias = fc.oneof(
      { weight: 6, arbitrary: fc.constant(field.name) },
      { weight: 2, arbitrary: fc.constantFrom(...NEUTRAL_ALIASES) },
      // An alias that shadows another field of the same type (`id: basis`, `uscc: name`).
      { weight: 2, arbitrary: others.length ? fc.constantFrom(...others) : fc.constant(field.name) },
    );
    const named = getNamedType(field.type);
    const children = isCompositeType(named) && depth < MAX_DEPTH ? this.selection(named.name, depth + 1) : fc.constant(null);
    return fc.record({ key: alias, args: this.args(field), children, spell: spellingArb }).map(({ key, args, children, spell }) => ({
      key, field: field.name, parent, args, reqs: requirementsOf(parent, field), children: isCompositeType(named) ? children ?? leafless(named.name) : null, spell,
    }));
  }

  private args(field: AnyField): fc.Arbitrary<ArgUse[]> {
    const uses = field.args.map((a) => {
      const required = isNonNullType(a.type) && a.defaultValue === undefined;
      const use = fc
        .record({ value: valueArb(a.type, this.pools), asVariable: fc.boolean(), confused: fc.oneof({ weight: 30, arbitrary: fc.constant(undefined) }, confusedValueArb) })
        .map(({ value, asVariable, confused }) => ({ name: a.name, type: a.type, value, asVariable, confused: asVariable ? confused : undefined }));
      return required ? use.map((u) => [u]) : fc.option(use, { freq: 2 }).map((u) => (u ? [u] : []));
    });
    return uses.length ? fc.tuple(...uses).map((lists) => lists.flat()) : fc.constant([]);
  }
}

/** A composite field at the depth limit still needs a selection: its __typename only. */
function leafless(typeName: string): SelectionSet {
  return { type: typeName, fields: [], branches: [] };
}

/** Response keys unique within each selection set (across union branches too), reserved aliases kept free. */
function uniqueKeys(set: SelectionSet): SelectionSet {
  const used = new Set([KEY_ALIAS, TYPENAME_ALIAS]);
  const fix = (nodes: FieldNode[]) =>
    nodes.map((n) => {
      let key = n.key;
      for (let i = 2; used.has(key); i++) key = `${n.key}${i}`;
      used.add(key);
      return { ...n, key, children: n.children && uniqueKeys(n.children) };
    });
  return { ...set, fields: fix(set.fields), branches: set.branches.map((b) => ({ ...b, fields: fix(b.fields) })) };
}

/** Every argument of the operation, at any depth. */
export function argumentsOf(set: SelectionSet): ArgUse[] {
  return [...set.fields, ...set.branches.flatMap((b) => b.fields)].flatMap((n) => [...n.args, ...(n.children ? argumentsOf(n.children) : [])]);
}
