import fc from 'fast-check';
import { isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLInputType } from 'graphql';
import { DEMO_SUBJECT, isDemoAssociationMember, legalPersonAt, naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';

// Argument values: real demo keys (the demo subject, association members, non-members, other
// subjects, ids read from the running stack) mixed with hostile ones (broken check characters,
// huge strings, negative counts, batches over the limit).

export interface Pools {
  /** ListEntry, Objection, RepairApplication and NaturalPerson ids read from the stack at start. */
  ids: string[];
}

const HUGE = 'x'.repeat(100_000);
export const MEMBERS = Array.from({ length: 40 }, (_, i) => i + 1).filter(isDemoAssociationMember).map((i) => legalPersonAt(i).uscc);
const NON_MEMBERS = [31, 35, 41, 42, 43, 100, 599].map((i) => legalPersonAt(i).uscc);

const BAD_USCCS = [`${DEMO_SUBJECT.uscc.slice(0, 17)}A`, DEMO_SUBJECT.uscc.toLowerCase(), DEMO_SUBJECT.uscc.slice(0, 17), 'OOOOOOOOOOOOOOOOOO', '', HUGE, '91310106265UHPPC1B\u0000'];
const ID_NUMBERS = [DEMO_SUBJECT.legalRepresentativeIdNumber, naturalPersonAt(3).idNumber, naturalPersonAt(11).idNumber, naturalPersonAt(200).idNumber];
const BAD_ID_NUMBERS = [`${ID_NUMBERS[0].slice(0, 17)}0`, '110101199902301234', '12345', HUGE, ID_NUMBERS[0].replace(/\d{8}(\d{4})$/, '********$1')];
const STRINGS = ['', 'x', '2026-11-02', '2026-06-30', '2020-01-01', '2999-12-31', 'not-a-date', 'market-supervision', 'court-enforcement', 'tax',
  '《严重违法失信企业名单管理暂行办法》', '11310106MB2F4J01X4', DEMO_SUBJECT.uscc, 'P-ADM-01', "'; DROP TABLE list_entry; --", '{"$gt":""}', '\u202e\u0000', HUGE];
const INTS = [-2147483648, -1, 0, 1, 2, 5, 20, 100, 101, 10_001, 2147483647];
const MEASURE_IDS = ['P-ADM-01', 'P-ADM-17', 'P-MKT-02', 'R-TAX-01', 'NOPE'];

/** A batch over the 10,000-code limit (BATCH_TOO_LARGE), or one just at it. */
const batchOf = (code: string, n: number) => Array.from({ length: n }, () => code);

export function scalarArb(name: string, pools: Pools): fc.Arbitrary<unknown> {
  switch (name) {
    // The demo subject, members and non-members weigh alike: the row rules are decided between them.
    case 'USCC': return fc.oneof({ weight: 3, arbitrary: fc.constant(DEMO_SUBJECT.uscc) }, { weight: 3, arbitrary: fc.constantFrom(...MEMBERS) }, { weight: 3, arbitrary: fc.constantFrom(...NON_MEMBERS) }, fc.constantFrom(...BAD_USCCS));
    case 'ResidentIdNumber': return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...ID_NUMBERS) }, { weight: 1, arbitrary: fc.constantFrom(...BAD_ID_NUMBERS) });
    case 'ID': return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pools.ids) }, fc.constantFrom(DEMO_SUBJECT.uscc, MEMBERS[0], ...MEASURE_IDS, ...ID_NUMBERS.slice(0, 1), 'nope', HUGE));
    case 'Int': return fc.constantFrom(...INTS);
    case 'Float': return fc.constantFrom(0, 1.5, -1, 1e308);
    case 'Boolean': return fc.boolean();
    default: return fc.constantFrom(...STRINGS);
  }
}

/** A value of the input type, as JSON (the shape variables carry). */
export function valueArb(type: GraphQLInputType, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return innerArb(type.ofType, pools, depth);
  const inner = innerArb(type, pools, depth);
  return fc.oneof({ weight: 9, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) });
}

function innerArb(type: GraphQLInputType, pools: Pools, depth: number): fc.Arbitrary<unknown> {
  if (isListType(type)) {
    const item = type.ofType;
    const named = isNonNullType(item) ? item.ofType : item;
    const normal = fc.array(valueArb(item, pools, depth + 1), { maxLength: 3 });
    if (!isScalarType(named) || !['USCC', 'ResidentIdNumber'].includes(named.name)) return normal;
    const code = named.name === 'USCC' ? DEMO_SUBJECT.uscc : ID_NUMBERS[0];
    return fc.oneof({ weight: 60, arbitrary: normal }, fc.constantFrom(batchOf(code, 10_001), batchOf(code, 10_000)));
  }
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isScalarType(type)) return scalarArb(type.name, pools);
  if (isInputObjectType(type)) {
    const all = Object.values(type.getFields());
    const model = Object.fromEntries(all.map((f) => [f.name, depth > 2 ? fc.constant(null) : valueArb(f.type, pools, depth + 1)]));
    const requiredKeys = all.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name);
    return fc.record(model, { requiredKeys });
  }
  throw new Error(`no value for ${String(type)}`);
}

/** A variable of the wrong JSON type: coercion must fail as BAD_USER_INPUT, never a 500. */
export const confusedValueArb = fc.constantFrom<unknown>({}, [], 12, 'x', true, [[null]], { __proto__: null, toString: 'x' });
