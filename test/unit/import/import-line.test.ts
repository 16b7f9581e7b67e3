import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Kind, parse, type EnumTypeDefinitionNode, type InputObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { checkImportLines } from '../../../subgraphs/kit/credit-records/import-line';
import { DEMO_ORGS } from '../../../subgraphs/kit/demo/demo-data';
import { makeUscc } from '../../../subgraphs/kit/protocol/codes';

// An import line is a CreditRecordInput that skipped GraphQL's own checks: every field of the input type,
// read from the schema, refuses on an import line what GraphQL would refuse, naming the field.
const PROVIDER = DEMO_ORGS.taxBureau.org;
const TODAY = '2026-09-30';
const sdl = parse(readFileSync(join(__dirname, '..', '..', '..', 'schema', 'legal-persons.graphql'), 'utf8'));
const enums = new Map(sdl.definitions.filter((d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION).map((e) => [e.name.value, (e.values ?? []).map((v) => v.name.value)]));
const input = sdl.definitions.find((d): d is InputObjectTypeDefinitionNode => d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && d.name.value === 'CreditRecordInput')!;
const named = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : named(t.type));
// The one difference: a line may leave out its provider, which is the importing unit's (--provider).
const fields = (input.fields ?? []).map((f) => ({ name: f.name.value, type: named(f.type), required: f.type.kind === Kind.NON_NULL_TYPE && f.name.value !== 'provider' }));

const valid = {
  subjectType: 'LEGAL_PERSON', subjectId: makeUscc('9', '1', '310115', 'MA1GL7X0'), category: 'SUPERVISION', sourceDepartment: '浦东新区税务局', title: '行政处罚决定',
  content: '罚款', decisionNumber: '浦税罚〔2026〕1号', decidedOn: '2026-03-02', public: true, dishonest: true, decisionKind: 'PENALTY', penaltyTier: 'GENERAL',
  providerRecordId: 'line-1', item: 'LP-SUPERVISION', publishedOn: '2026-03-04',
};

/** Whether GraphQL takes `v` for a field of `type` (an absent or null value only where the field is nullable). */
function graphqlTakes(type: string, required: boolean, v: unknown): boolean {
  if (v === null || v === undefined) return !required;
  if (type === 'String') return typeof v === 'string';
  if (type === 'Boolean') return typeof v === 'boolean';
  return typeof v === 'string' && (enums.get(type) ?? []).includes(v);
}

test('the valid line is taken (so every refusal below is the field under test)', () => {
  expect(checkImportLines([{ line: 1, value: { ...valid }, parseError: null }], PROVIDER, TODAY).rejects).toEqual([]);
  expect(fields.filter((f) => enums.has(f.type)).map((f) => f.name)).toEqual(expect.arrayContaining(['subjectType', 'category', 'decisionKind', 'penaltyTier', 'seriousBehaviour']));
});

test('a value GraphQL would refuse for a field of CreditRecordInput is refused on an import line, naming that field', () => {
  const field = fc.constantFrom(...fields);
  const value = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('MINOR ', 'general', 'PENALTY\t'), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
  fc.assert(
    fc.property(field, value, (f, v) => {
      fc.pre(!graphqlTakes(f.type, f.required, v));
      const { good, rejects } = checkImportLines([{ line: 7, value: { ...valid, [f.name]: v }, parseError: null }], PROVIDER, TODAY);
      expect(good).toEqual([]);
      expect(rejects).toEqual([expect.objectContaining({ line: 7, field: f.name })]);
    }),
    { seed: 20261202, numRuns: 2_000 },
  );
});

test('a value the database would not store as sent is refused, naming the field: an unpaired surrogate in any String field, an empty or out-of-range date', () => {
  const strings = fields.filter((f) => f.type === 'String').map((f) => f.name);
  const dates = strings.filter((name) => name.endsWith('On'));
  expect(dates).toEqual(expect.arrayContaining(['decidedOn', 'behaviourEndedOn', 'publishedOn']));
  const unpaired = fc.tuple(fc.constantFrom(...strings), fc.string({ maxLength: 6 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 6 }));
  fc.assert(
    fc.property(unpaired, ([name, before, unit, after]) => {
      const { rejects } = checkImportLines([{ line: 3, value: { ...valid, [name]: `${String(valid[name as keyof typeof valid] ?? '')}${before}${String.fromCharCode(unit)}${after}` }, parseError: null }], PROVIDER, TODAY);
      expect(rejects).toEqual([expect.objectContaining({ line: 3, field: name })]);
    }),
    { seed: 20261203, numRuns: 500 },
  );
  for (const name of dates) {
    for (const v of ['', '0000-02-29', '0999-12-31']) {
      expect(checkImportLines([{ line: 4, value: { ...valid, [name]: v }, parseError: null }], PROVIDER, TODAY).rejects).toEqual([expect.objectContaining({ field: name, rule: 'ISO_DATE' })]);
    }
  }
});
