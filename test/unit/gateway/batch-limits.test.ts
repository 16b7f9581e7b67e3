import fc from 'fast-check';
import {
  astFromValue, getNamedType, getNullableType, isInputObjectType, isListType, parse, print, validate,
  type GraphQLInputType, type OperationDefinitionNode,
} from 'graphql';
import { BATCH_LIMITS, batchRefusal, type BatchLimit } from '../../../gateway/plugins/batch-limits';
import { DEMO_ORGS, DEMO_SUBJECT } from '../../../subgraphs/kit/demo/demo-data';
import { apiSchema } from './api-schema';

// The batch limits hold per operation: N items split over k aliases of the schema's batch fields
// (root selections, inline fragments, named fragments; lists inline or as variables; an alias selected
// twice counts once, as it is answered once) are refused exactly when N exceeds the limit.

const RECORD = {
  subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局',
  title: '日常检查', content: '检查', decidedOn: '2026-09-01', public: false, dishonest: false, provider: DEMO_ORGS.department.org, providerRecordId: 'p-1', item: 'LP-SUPERVISION',
};

/** A batch field as the schema declares it: its list argument's type and one item of it. */
interface BatchField { field: string; argument: string; type: GraphQLInputType; item: unknown }

function batchFieldsOf(limit: BatchLimit): BatchField[] {
  const root = apiSchema.getRootType(limit.operation)!;
  return Object.entries(limit.fields).map(([field, argument]) => {
    const arg = root.getFields()[field]?.args.find((a) => a.name === argument);
    if (!arg || !isListType(getNullableType(arg.type))) throw new Error(`${root.name}.${field}(${argument}:) is not a list argument in the schema`);
    const named = getNamedType(arg.type);
    const item = isInputObjectType(named) ? RECORD : named.name === 'ResidentIdNumber' ? DEMO_SUBJECT.legalRepresentativeIdNumber : DEMO_SUBJECT.uscc;
    return { field, argument, type: arg.type, item };
  });
}

interface Part { size: number; field: number; place: 'root' | 'inline' | 'fragment'; inline: boolean; twice: boolean }

const split = (limit: BatchLimit) =>
  fc.record({
    total: fc.oneof(fc.integer({ min: limit.max - 3, max: limit.max + 3 }), fc.integer({ min: 0, max: 2 * limit.max })),
    // Each alias's share of the total, 1 to 6 aliases.
    weights: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }),
    shapes: fc.array(fc.record({ field: fc.nat(), place: fc.constantFrom('root' as const, 'inline' as const, 'fragment' as const), inline: fc.boolean(), twice: fc.boolean() }), { minLength: 6, maxLength: 6 }),
  }).map(({ total, weights, shapes }): { total: number; parts: Part[] } => {
    const sum = weights.reduce((a, b) => a + b, 0);
    const sizes = weights.map((w) => Math.floor((total * w) / sum));
    sizes[0] += total - sizes.reduce((a, b) => a + b, 0);
    // A literal list only when short: a long one would be over the token limit, which the gateway refuses anyway.
    return { total, parts: sizes.map((size, i) => ({ ...shapes[i], size, inline: shapes[i].inline && size <= 20 })) };
  });

function operationFor(limit: BatchLimit, fields: BatchField[], parts: Part[]) {
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const root: string[] = [];
  const fragments: string[] = [];
  const rootType = apiSchema.getRootType(limit.operation)!.name;
  parts.forEach((part, i) => {
    const f = fields[part.field % fields.length];
    const items = Array(part.size).fill(f.item);
    let value = `$v${i}`;
    if (part.inline) value = print(astFromValue(items, f.type)!);
    else {
      definitions.push(`$v${i}: ${String(f.type)}`);
      variables[`v${i}`] = items;
    }
    const selection = `a${i}: ${f.field}(${f.argument}: ${value}) { __typename }`;
    const placed = part.place === 'root' ? selection : part.place === 'inline' ? `... on ${rootType} { ${selection} }` : `...F${i}`;
    if (part.place === 'fragment') fragments.push(`fragment F${i} on ${rootType} { ${selection} }`);
    root.push(placed);
    if (part.twice) root.push(`... { ${selection} }`);
  });
  const text = `${limit.operation}${definitions.length ? `(${definitions.join(', ')})` : ''} { ${root.join(' ')} } ${fragments.join(' ')}`;
  const document = parse(text);
  const errors = validate(apiSchema, document);
  if (errors.length) throw new Error(`${errors[0].message} in ${text.slice(0, 300)}`);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return { document, operation, request: { variables } };
}

describe.each(BATCH_LIMITS.map((l) => [`${l.operation} ${Object.keys(l.fields).join(', ')}`, l] as const))('%s', (_name, limit) => {
  const fields = batchFieldsOf(limit);

  test('random splits over aliases and fragments are refused exactly when the total exceeds the limit', () => {
    fc.assert(
      fc.property(split(limit), ({ total, parts }) => {
        const refusal = batchRefusal(operationFor(limit, fields, parts));
        expect(refusal !== null).toBe(total > limit.max);
        if (refusal) {
          expect(refusal.extensions).toMatchObject({ code: 'BATCH_TOO_LARGE', rule: 'BATCH_TOO_LARGE', max: limit.max, http: { status: 400 } });
          expect(refusal.extensions.field).toMatch(/^a\d+\.\w+$/);
          expect(refusal.extensions.size as number).toBeGreaterThan(limit.max);
          expect(refusal.message).toContain(String(limit.max));
        }
      }),
      { numRuns: 150 },
    );
  });

  test('one list of exactly the limit passes (batch slicing answers it), one more item is refused', () => {
    const one = (size: number) => batchRefusal(operationFor(limit, fields, [{ size, field: 0, place: 'root', inline: false, twice: false }]));
    expect(one(limit.max)).toBeNull();
    expect(one(limit.max + 1)?.extensions.field).toBe(`a0.${fields[0].argument}`);
  });
});

test('a variable left out counts by its default list', () => {
  const document = parse(`query($u: [USCC!]! = ["${DEMO_SUBJECT.uscc}", "${DEMO_SUBJECT.uscc}"]) { a: legalPersons(usccs: $u) { uscc } b: legalPersons(usccs: $u) { uscc } }`);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const limits = [{ ...BATCH_LIMITS[0], max: 3 }];
  expect(batchRefusal({ document, operation, request: {} }, limits)?.extensions.field).toBe('b.usccs');
  expect(batchRefusal({ document, operation, request: { variables: { u: [DEMO_SUBJECT.uscc] } } }, limits)).toBeNull();
});
