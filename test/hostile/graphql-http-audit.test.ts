import { auditServer, type AuditResult } from 'graphql-http';
import { startStack, type Stack } from '../support/stack';

// GraphQL over HTTP (the spec graphql-http audits): the real gateway, the real subgraphs behind it.
// The MUST audits are the contract any GraphQL client relies on; SHOULD/MAY ones are reported, not required.
let stack: Stack;

beforeAll(async () => {
  stack = await startStack('hostile_audit');
});
afterAll(() => stack.stop());

const describeFailure = (r: AuditResult) => (r.status === 'ok' ? r.name : `${r.status} ${r.name}: ${r.reason}`);

test('the graphql-http audit reports no error at the gateway', async () => {
  const results = await auditServer({ url: `${stack.gateway.url}/graphql` });
  expect(results.length).toBeGreaterThan(30);
  const warnings = results.filter((r) => r.status === 'warn').map(describeFailure);
  if (warnings.length) console.info(`graphql-http audit: ${warnings.length} warnings\n${warnings.join('\n')}`);
  expect(results.filter((r) => r.status === 'error').map(describeFailure)).toEqual([]);
});
