import { parse, type OperationDefinitionNode } from 'graphql';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { answerBytes, answerRefusal } from '../../../gateway/plugins/answer-size';
import { apiSchema } from './api-schema';

// A mutation's answer is estimated before it runs, from the document and the variables: refused then,
// nothing is written. The estimate is the data cost's walk, in bytes (keys as spelled, aliases included).
const MAX = 16 * 1024 * 1024;

function request(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return { schema: apiSchema, document, operation, request: { variables } } as unknown as GatewayGraphQLRequestContext;
}

const records = (n: number) => Array(n).fill({});
const LONG_ALIASES = Array.from({ length: 29 }, (_, i) => `${'a'.repeat(300)}${String(i).padStart(2, '0')}: id`).join(' ');
const SUBMIT = (results: string) => `mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { accepted results { ${results} } } }`;

test('2,000 records answered under 29 long aliases is refused before it runs, naming the field and the rule', () => {
  const refusal = answerRefusal(request(SUBMIT(LONG_ALIASES), { r: records(2_000) }), MAX);
  expect(refusal?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', field: 'submitCreditRecords', rule: 'MAX_RESPONSE_BYTES', http: { status: 400 } });
  expect(refusal?.message).toMatch(/nothing was written/);
});

test('the largest submission with every per-record field is well within the limit', () => {
  const bytes = answerBytes(request(SUBMIT('index status field rule message id'), { r: records(10_000) }));
  expect(bytes[0].bytes).toBeLessThan(MAX / 4);
  expect(answerRefusal(request(SUBMIT('index status field rule message id'), { r: records(10_000) }), MAX)).toBeNull();
});

test('the estimate covers an answer with typical values, keys and punctuation included', () => {
  const answer = { submitCreditRecords: { accepted: 3, results: [0, 1, 2].map((index) => ({ index, status: 'ACCEPTED', id: '0193b7e2-5c1a-7cde-8f00-123456789abc' })) } };
  const [estimate] = answerBytes(request(SUBMIT('index status id'), { r: records(3) }));
  expect(estimate.bytes).toBeGreaterThanOrEqual(JSON.stringify(answer).length);
});

test('queries are left to the answer\'s own size check', () => {
  const query = `query($u: [USCC!]!) { legalPersons(usccs: $u) { ${LONG_ALIASES.replaceAll(': id', ': uscc')} } }`;
  expect(answerRefusal(request(query, { u: Array(2_000).fill('x') }), MAX)).toBeNull();
});
