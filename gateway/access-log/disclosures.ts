import {
  getArgumentValues, getNamedType, isAbstractType, isCompositeType, isObjectType, Kind,
  type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLObjectType, type GraphQLSchema, type SelectionSetNode,
} from 'graphql';
import type { Caller, SubjectRef } from '../../subgraphs/kit/protocol/caller';
import type { Grants, Requirement, Requirements } from '../../subgraphs/kit/protocol/directives';
import { KEY_PROBE, PROBE_PREFIX, REPORT_FIELDS, REPORT_TYPE, rowProbe, SUBJECT_PROBE, SUBJECT_TYPES, subjectSource, TYPENAME_PROBE } from './probes';
import { narrowingRule, rowRules, valueRule, type NarrowingRule, type RowRule } from './row-rules';

// What an answer discloses, per subject: the field groups (scopes and policies the caller holds that
// guard a field) of every field returned non-null, read from the answer itself — a removed field, a
// FORBIDDEN row or a null discloses nothing. Decided by (parent type, field name) from the executed
// document and the schema, never by response-key names.
export interface Disclosure {
  subject: SubjectRef;
  groups: Set<string>;
}

/** A credit report the answer gives (its probes), to be recorded as issued with the answer's entries. */
export interface GivenReport {
  subject: SubjectRef;
  id: string;
  issuedAt: string;
  year: number;
  numberThisYear: number;
  free: boolean;
}

type Obj = Record<string, unknown>;

export interface WalkContext {
  schema: GraphQLSchema;
  reqs: Requirements;
  grants: Grants;
  fragments: Map<string, FragmentDefinitionNode>;
  /** A mutation's root field is an action, not a read; what it returns is walked like any answer. */
  rootIsAction: boolean;
  /** For the narrowing rules (row-rules.ts): who asked, and the request's variables. */
  caller?: Caller;
  variables?: Record<string, unknown>;
}

function heldGroups(req: Requirement | undefined, grants: Grants, out: string[]): void {
  if (!req) return;
  if (req.authenticated && grants.authenticated) out.push('authenticated');
  for (const s of req.scopes?.flat() ?? []) if (grants.scopes.has(s)) out.push(s);
  for (const p of req.policies?.flat() ?? []) if (grants.policies.has(p)) out.push(p);
}

function groupsOf(w: WalkContext, parent: string, fieldName: string, returns: string): string[] {
  const out: string[] = [];
  heldGroups(w.reqs.fields.get(`${parent}.${fieldName}`), w.grants, out);
  heldGroups(w.reqs.types.get(returns), w.grants, out);
  return out;
}

/** GraphQL spec 6.3.2 CollectFields, for one concrete type: response key → its field nodes. */
function collect(w: WalkContext, sets: readonly SelectionSetNode[], type: GraphQLObjectType, out = new Map<string, FieldNode[]>()): Map<string, FieldNode[]> {
  for (const set of sets) {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        out.set(key, [...(out.get(key) ?? []), sel]);
        continue;
      }
      const condition = sel.kind === Kind.INLINE_FRAGMENT ? sel.typeCondition?.name.value : w.fragments.get(sel.name.value)?.typeCondition.name.value;
      const body = sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : w.fragments.get(sel.name.value)?.selectionSet;
      const conditionType = condition ? w.schema.getType(condition) : type;
      const applies = conditionType === type || (conditionType && isAbstractType(conditionType) && w.schema.isSubType(conditionType, type));
      if (body && applies) collect(w, [body], type, out);
    }
  }
  return out;
}

/** One returned field of a (selection sets, concrete type) pair, decided once, not per object. */
interface PlannedField {
  key: string;
  /** Field groups a non-null value discloses (before the value rule). */
  groups: string[];
  valueRule: RowRule | undefined;
  /** For object-valued fields: the declared type and the child selection sets (one array, reused). */
  composite: { declared: string; sets: SelectionSetNode[] } | null;
  /** A connection its arguments may narrow to one subject (evaluated per request: the arguments may be variables). */
  narrowing: { rule: NarrowingRule; node: FieldNode; def: GraphQLField<unknown, unknown> } | null;
}

interface Plan {
  rowRules: RowRule[];
  fields: PlannedField[];
}

// Planned once per selection-set array and concrete type, so a 10,000-row list costs one plan, and
// the walk per object is a loop over plain arrays (it runs on the event loop before the answer is sent).
const plans = new WeakMap<readonly SelectionSetNode[], Map<string, Plan>>();

function planOf(w: WalkContext, sets: readonly SelectionSetNode[], type: GraphQLObjectType, root: boolean): Plan {
  const byType = plans.get(sets) ?? new Map<string, Plan>();
  plans.set(sets, byType);
  const cacheKey = `${type.name}:${root && w.rootIsAction}`;
  const cached = byType.get(cacheKey);
  if (cached) return cached;
  const fields: PlannedField[] = [];
  for (const [key, nodes] of collect(w, sets, type)) {
    const fieldName = nodes[0].name.value;
    const def = type.getFields()[fieldName];
    if (fieldName.startsWith('__') || key.startsWith(PROBE_PREFIX) || !def) continue;
    const named = getNamedType(def.type);
    const narrowing = narrowingRule(type.name, fieldName);
    fields.push({
      key,
      groups: root && w.rootIsAction ? [] : groupsOf(w, type.name, fieldName, named.name),
      valueRule: valueRule(type.name, fieldName),
      composite: isCompositeType(named) ? { declared: named.name, sets: nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])) } : null,
      narrowing: narrowing ? { rule: narrowing, node: nodes[0], def } : null,
    });
  }
  const plan = { rowRules: rowRules(type.name, 'row'), fields };
  byType.set(cacheKey, plan);
  return plan;
}

function subjectOf(obj: Obj, type: GraphQLObjectType): SubjectRef | null {
  const own = SUBJECT_TYPES[type.name];
  if (own && typeof obj[KEY_PROBE] === 'string') return { type: own.type, id: obj[KEY_PROBE] as string };
  const linked = obj[SUBJECT_PROBE] as Obj | null | undefined;
  const linkedType = linked && SUBJECT_TYPES[linked[TYPENAME_PROBE] as string];
  return linkedType && typeof linked[KEY_PROBE] === 'string' ? { type: linkedType.type, id: linked[KEY_PROBE] as string } : null;
}

class Tally {
  constructor(private readonly schema: GraphQLSchema) {}
  readonly bySubject = new Map<string, Disclosure>();
  /** Types of objects that disclosed something but whose subject the answer did not give: the answer is refused. */
  readonly unattributed = new Set<string>();
  /** By report id: the same report read twice in one answer is one report. */
  readonly reports = new Map<string, GivenReport>();
  addReport(subject: SubjectRef | null, obj: Obj): void {
    const [id, issuedAt, year, numberThisYear, free] = REPORT_FIELDS.map((f) => obj[rowProbe(f)]);
    if (!subject || typeof id !== 'string' || typeof issuedAt !== 'string' || typeof year !== 'number' || typeof numberThisYear !== 'number' || typeof free !== 'boolean') return;
    if (!this.reports.has(id)) this.reports.set(id, { subject, id, issuedAt, year, numberThisYear, free });
  }
  /** `about`: the object the groups are disclosed with; one that should name its subject and did not is unattributed. */
  add(subject: SubjectRef | null, groups: readonly string[], about?: GraphQLObjectType): void {
    if (groups.length === 0) return;
    if (!subject) {
      // Rare (the schema test finds no path without a subject); checked only here, off the hot path.
      if (about && subjectSource(this.schema, about)) this.unattributed.add(about.name);
      return;
    }
    const key = `${subject.type}:${subject.id}`;
    let d = this.bySubject.get(key);
    if (!d) this.bySubject.set(key, (d = { subject, groups: new Set<string>() }));
    for (const g of groups) d.groups.add(g);
  }
}

function concrete(w: WalkContext, declared: string, obj: Obj): GraphQLObjectType | null {
  const type = w.schema.getType(isAbstractType(w.schema.getType(declared)!) ? String(obj[TYPENAME_PROBE]) : declared);
  return type && isObjectType(type) ? type : null;
}

function walkValue(w: WalkContext, tally: Tally, value: unknown, field: PlannedField, groups: readonly string[], own: SubjectRef | null): void {
  if (Array.isArray(value)) {
    for (const item of value) walkValue(w, tally, item, field, groups, own);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const child = value as Obj;
  const childType = concrete(w, field.composite!.declared, child);
  if (!childType) return;
  const childSubject = subjectOf(child, childType) ?? own;
  tally.add(childSubject, groups, childType);
  // A link to another subject (a company's legal representative) discloses it for both.
  if (childSubject !== own) tally.add(own, groups);
  walkObject(w, tally, child, childType, field.composite!.sets, childSubject, false);
}

/** The subject a returned connection is narrowed to, when the caller's page of it can hold non-public items. */
function narrowedTo(w: WalkContext, { rule, node, def }: NonNullable<PlannedField['narrowing']>): SubjectRef | null {
  return w.caller && rule.reaches(w.caller) ? rule.subject(getArgumentValues(def, node, w.variables)) : null;
}

function walkObject(w: WalkContext, tally: Tally, obj: Obj, type: GraphQLObjectType, sets: readonly SelectionSetNode[], inherited: SubjectRef | null, root: boolean): void {
  const own = subjectOf(obj, type) ?? inherited;
  if (type.name === REPORT_TYPE) tally.addReport(subjectOf(obj, type), obj);
  const plan = planOf(w, sets, type, root);
  for (const rule of plan.rowRules) if (rule.discloses(obj[rowProbe(rule.field)])) tally.add(own, [rule.group], type);
  for (const field of plan.fields) {
    const value = obj[field.key];
    if (value === null || value === undefined) continue;
    const groups = field.valueRule?.discloses(value) ? [...field.groups, field.valueRule.group] : field.groups;
    const narrowed = field.narrowing && narrowedTo(w, field.narrowing);
    if (narrowed) tally.add(narrowed, [field.narrowing!.rule.group]);
    if (field.composite) walkValue(w, tally, value, field, groups, own);
    else tally.add(own, groups, type);
  }
}

/**
 * Per subject, the field groups this answer discloses; the credit reports it gives go to `reports`, and the
 * types of objects that disclosed something without naming their subject to `unattributed`.
 */
export function disclosures(w: WalkContext, data: Obj, rootType: GraphQLObjectType, rootSet: SelectionSetNode, reports?: GivenReport[], unattributed?: string[]): Disclosure[] {
  const tally = new Tally(w.schema);
  walkObject(w, tally, data, rootType, [rootSet], null, true);
  reports?.push(...tally.reports.values());
  unattributed?.push(...tally.unattributed);
  return [...tally.bySubject.values()];
}

/** The answer as the client gets it: every probe removed. */
export function stripProbes(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = stripProbes(value[i]);
    return out;
  }
  // for…in over a fresh object: no entries arrays (a batch answer has ~10⁵ objects, GC is the top cost).
  const out: Obj = {};
  for (const k in value as Obj) if (!k.startsWith(PROBE_PREFIX)) out[k] = stripProbes((value as Obj)[k]);
  return out;
}
