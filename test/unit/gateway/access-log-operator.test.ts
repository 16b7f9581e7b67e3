import type { IncomingMessage } from 'node:http';
import { useAccessLog } from '../../../gateway/plugins/access-log';
import type { RequestState } from '../../../gateway/runtime';
import type { Caller } from '../../../subgraphs/kit/protocol/caller';
import { readRequirements } from '../../../subgraphs/kit/protocol/directives';
import { parse } from 'graphql';
import { testCaller } from '../../support/subgraph-client';

// 001 Art. 17 (二): a unit accounts for each staff member's queries. The token's `operator` claim is
// recorded; in production a DEPARTMENT or COURT token without one is refused before anything runs.
const plugin = useAccessLog(readRequirements(parse('type Query { a: Int }')), () => Promise.reject(new Error('not opened in this test')));
const jwt = (claims: object) => ['{"alg":"ES256"}', JSON.stringify(claims), 'sig'].map((p) => Buffer.from(p).toString('base64url')).join('.');

function run(caller: Caller, claims: object | null, env: string): RequestState {
  const state = { req: { headers: claims ? { authorization: `Bearer ${jwt(claims)}` } : {} } as IncomingMessage, body: {}, context: { caller }, responseHeaders: {} } as RequestState;
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = env;
  try {
    plugin.onRequest!(state);
  } finally {
    process.env.NODE_ENV = before;
  }
  return state;
}

const department = testCaller({ clientId: 'demo-department', kind: 'DEPARTMENT' });

test('the operator claim is carried on the caller', () => {
  expect(run(department, { sub: 'demo-department', operator: 'zhang.wei' }, 'production').context.caller.operator).toBe('zhang.wei');
});

test.each(['DEPARTMENT', 'COURT'] as const)('in production a %s token without an operator is UNAUTHENTICATED', (kind) => {
  const state = run(testCaller({ kind }), { sub: 'x' }, 'production');
  expect(state.error?.extensions.code).toBe('UNAUTHENTICATED');
  expect(state.error?.message).toMatch(/operator/);
});

test('outside production, and for other kinds, the operator is optional', () => {
  expect(run(department, { sub: 'demo-department' }, 'test').error).toBeUndefined();
  expect(run(testCaller({ kind: 'SUBJECT' }), { sub: 'demo-subject' }, 'production').error).toBeUndefined();
  expect(run(department, { sub: 'demo-department', operator: 'not a name!' }, 'test').context.caller.operator).toBeNull();
});
