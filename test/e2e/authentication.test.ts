import { generateKeyPair, SignJWT } from 'jose';
import { createHmac } from 'node:crypto';
import { IDENTITY_HEADER, requestBodyHash, signIdentity } from '../../subgraphs/kit/protocol/identity';
import { startStack, type Stack } from '../support/stack';
import { testCaller } from '../support/subgraph-client';

// Tokens at the gateway, and the signed identity that keeps anyone from bypassing it.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_authn');
});
afterAll(() => stack.stop());

const QUERY = '{ legalPerson(uscc: "91310106265UHPPC1B") { name } }';
const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

async function expectUnauthenticated(token: string, reason: RegExp) {
  const res = await stack.query(QUERY, { token });
  expect(res.status).toBe(401);
  expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(res.errors?.[0].message).toMatch(reason);
  expect(res.data).toBeUndefined();
}

test('no token is the public role', async () => {
  const res = await stack.query(QUERY);
  expect(res.status).toBe(200);
  expect(res.data.legalPerson.name).toBeTruthy();
});

test('a token signed by an unknown key is refused, never downgraded to public', async () => {
  const { privateKey } = await generateKeyPair('ES256');
  const forged = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: stack.keys.demoIssuerPrivate.kid }).setIssuer('credit-platform-demo')
    .setAudience('credit-gateway').setSubject('demo-admin').setExpirationTime('5m').sign(privateKey);
  await expectUnauthenticated(forged, /signature verification failed/);
});

test('expired, wrong-audience and wrong-issuer tokens are refused', async () => {
  await expectUnauthenticated(await stack.token('demo-admin', { ttl: '-1m' }), /"exp" claim/);
  await expectUnauthenticated(await stack.token('demo-admin', { audience: 'another-gateway' }), /"aud" claim/);
  await expectUnauthenticated(await stack.token('demo-admin', { issuer: 'somebody-else' }), /"iss" claim/);
});

test('alg none and HMAC signed with the public key are refused', async () => {
  const claims = { sub: 'demo-admin', iss: 'credit-platform-demo', aud: 'credit-gateway', exp: Math.floor(Date.now() / 1000) + 300 };
  await expectUnauthenticated(`${b64({ alg: 'none' })}.${b64(claims)}.`, /alg|Unsupported|not allowed/i);
  const publicJwk = JSON.stringify(stack.keys.demoJwks.keys[0]);
  const head = `${b64({ alg: 'HS256', kid: stack.keys.demoIssuerPrivate.kid })}.${b64(claims)}`;
  const mac = createHmac('sha256', publicJwk).update(head).digest('base64url');
  await expectUnauthenticated(`${head}.${mac}`, /alg/i);
});

test('a token for a client that is not registered is refused', async () => {
  await expectUnauthenticated(await stack.token('nobody'), /not a registered client/);
});

test('a subgraph refuses a direct call without the gateway signature', async () => {
  const res = await fetch(`${stack.subgraphs['legal-persons'].url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }),
  });
  expect(res.status).toBe(401);
});

test('a captured signature cannot be replayed with another query, to another subgraph, or with a key of its own', async () => {
  const caller = testCaller({ kind: 'PUBLIC', clientId: null, scopes: [] });
  const signed = await signIdentity(caller, 'legal-persons', requestBodyHash(QUERY, undefined), stack.keys.identityPrivate!);
  const send = (url: string, query: string, token: string) =>
    fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token }, body: JSON.stringify({ query }) });
  expect((await send(stack.subgraphs['legal-persons'].url, QUERY, signed)).status).toBe(200);
  const other = '{ legalPersons(usccs: ["91310106265UHPPC1B"]) { uscc name } }';
  const replayed = await send(stack.subgraphs['legal-persons'].url, other, signed);
  expect(replayed.status).toBe(401);
  expect(((await replayed.json()) as any).errors[0].message).toMatch(/another request body/);
  expect((await send(stack.subgraphs['lists'].url, QUERY, signed)).status).toBe(401);
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const selfMade = await signIdentity({ ...caller, kind: 'ADMIN', scopes: ['person:id-number'] }, 'legal-persons', requestBodyHash(QUERY, undefined), privateKey);
  expect((await send(stack.subgraphs['legal-persons'].url, QUERY, selfMade)).status).toBe(401);
});

test('the service key speaks only for SERVICE callers, and the gateway key never for them', async () => {
  const body = '{ __typename }';
  const send = (token: string) =>
    fetch(`${stack.subgraphs['natural-persons'].url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token }, body: JSON.stringify({ query: body }) });
  const service = testCaller({ kind: 'SERVICE', clientId: 'subgraph:legal-persons', scopes: ['internal'] });
  const admin = testCaller({ kind: 'ADMIN' });
  const hash = requestBodyHash(body, undefined);
  expect((await send(await signIdentity(service, 'natural-persons', hash, stack.keys.servicePrivate, 'service'))).status).toBe(200);
  expect((await send(await signIdentity(admin, 'natural-persons', hash, stack.keys.servicePrivate, 'service'))).status).toBe(401);
  expect((await send(await signIdentity(service, 'natural-persons', hash, stack.keys.identityPrivate!))).status).toBe(401);
  expect((await send(await signIdentity(admin, 'natural-persons', hash, stack.keys.identityPrivate!))).status).toBe(200);
});
