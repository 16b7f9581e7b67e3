import {
  getNamedType, isAbstractType, isObjectType, Kind, TypeInfo, visit, visitWithTypeInfo,
  type DocumentNode, type FieldNode, type GraphQLCompositeType, type GraphQLNamedType, type GraphQLSchema, type InlineFragmentNode, type SelectionNode,
} from 'graphql';
import type { SubjectType } from '../../subgraphs/kit/protocol/caller';
import { rowRules } from './row-rules';

// Adds private selections (aliases starting with `__log`) that let the access log learn, from the
// answer itself, which subject each returned object is about: the subject's key, the subject of a
// list entry / objection / repair application, the concrete type where the declared one is abstract,
// the row probes of row-rules.ts, and what a credit report's issuance records. They are stripped from the data before it is returned.
export const PROBE_PREFIX = '__log';
export const TYPENAME_PROBE = '__log_typename';
export const KEY_PROBE = '__log_key';
export const SUBJECT_PROBE = '__log_subject';
export const rowProbe = (field: string) => `${PROBE_PREFIX}_${field}`;

/** What the plugin records of each credit report it gives (001 Art. 29), whatever the client selected of it. */
export const REPORT_TYPE = 'CreditReport';
export const REPORT_FIELDS = ['id', 'issuedAt', 'year', 'numberThisYear', 'free'] as const;

/** The two kinds of subject (信息主体) and the key the log records them by (001 Art. 29). */
export const SUBJECT_TYPES: Record<string, { type: SubjectType; key: string }> = {
  LegalPerson: { type: 'LEGAL_PERSON', key: 'uscc' },
  NaturalPerson: { type: 'NATURAL_PERSON', key: 'id' },
};

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const field = (alias: string, fieldName: string, selections?: SelectionNode[]): FieldNode => ({
  kind: Kind.FIELD, alias: name(alias), name: name(fieldName), selectionSet: selections && { kind: Kind.SELECTION_SET, selections },
});
const on = (typeName: string, selections: SelectionNode[]): InlineFragmentNode => ({
  kind: Kind.INLINE_FRAGMENT, typeCondition: { kind: Kind.NAMED_TYPE, name: name(typeName) }, selectionSet: { kind: Kind.SELECTION_SET, selections },
});

function possible(schema: GraphQLSchema, type: GraphQLNamedType): readonly GraphQLNamedType[] {
  return isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
}

function subjectKeys(schema: GraphQLSchema, type: GraphQLNamedType): SelectionNode[] {
  const keys = possible(schema, type).flatMap((t) => (SUBJECT_TYPES[t.name] ? [on(t.name, [field(KEY_PROBE, SUBJECT_TYPES[t.name].key)])] : []));
  return isAbstractType(type) ? [field(TYPENAME_PROBE, '__typename'), ...keys] : keys;
}

/**
 * How an object of this type names its subject in the answer: it is one (its key), it has a `subject`
 * field that is one, or it cannot (it inherits the nearest subject above it in the answer, if any).
 */
export function subjectSource(schema: GraphQLSchema, type: GraphQLNamedType): 'key' | 'subject' | null {
  if (!isObjectType(type)) return null;
  if (SUBJECT_TYPES[type.name]) return 'key';
  const subjectField = type.getFields().subject;
  return subjectField && possible(schema, getNamedType(subjectField.type)).some((t) => SUBJECT_TYPES[t.name]) ? 'subject' : null;
}

/** What an object of concrete type `type` carries so its subject and row rules can be read off the answer. */
function probesOf(schema: GraphQLSchema, type: GraphQLNamedType): SelectionNode[] {
  if (!isObjectType(type)) return [];
  const out: SelectionNode[] = rowRules(type.name, 'row').map((r) => field(rowProbe(r.field), r.field));
  if (type.name === REPORT_TYPE) out.push(...REPORT_FIELDS.map((f) => field(rowProbe(f), f)));
  const source = subjectSource(schema, type);
  if (source === 'key') out.push(field(KEY_PROBE, SUBJECT_TYPES[type.name].key));
  if (source === 'subject') out.push(field(SUBJECT_PROBE, 'subject', subjectKeys(schema, getNamedType(type.getFields().subject.type))));
  return out;
}

function additions(schema: GraphQLSchema, parent: GraphQLCompositeType): SelectionNode[] {
  if (!isAbstractType(parent)) return probesOf(schema, parent);
  const perType = schema.getPossibleTypes(parent).flatMap((t) => {
    const probes = probesOf(schema, t);
    return probes.length ? [on(t.name, probes)] : [];
  });
  return [field(TYPENAME_PROBE, '__typename'), ...perType];
}

/** The document with the probes added to every selection set (operation and fragments alike). */
export function withProbes(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(document, visitWithTypeInfo(typeInfo, {
    SelectionSet: {
      leave(node) {
        const parent = typeInfo.getParentType();
        if (!parent || parent === schema.getQueryType() || parent === schema.getMutationType()) return undefined;
        const extra = additions(schema, parent);
        return extra.length ? { ...node, selections: [...node.selections, ...extra] } : undefined;
      },
    },
  }));
}
