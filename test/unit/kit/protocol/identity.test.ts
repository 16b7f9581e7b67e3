import { decodeJwt, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { IDENTITY_ISSUER, IdentityRejected, requestBodyHash, signIdentity, verifyIdentity, type IdentityKeys } from '../../../../subgraphs/kit/protocol/identity';
import { MemoryStore } from '../../../../subgraphs/kit/protocol/shared-store';
import { testCaller } from '../../../support/subgraph-client';

// Each signed identity carries its own id and is spent on first use, for as long as it could be replayed.
const BODY = requestBodyHash('{ __typename }', undefined);
let keys: IdentityKeys;
let gatewayPrivate: KeyLike;
beforeAll(async () => {
  const gateway = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const service = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  keys = { gateway: gateway.publicKey, service: service.publicKey };
  gatewayPrivate = gateway.privateKey;
});

test('every signature has a fresh jti, even for the same caller, audience and body', async () => {
  const caller = testCaller();
  const jtis = new Set<unknown>();
  for (let i = 0; i < 20; i++) jtis.add(decodeJwt(await signIdentity(caller, 'lists', BODY, gatewayPrivate)).jti);
  expect(jtis.size).toBe(20);
});

test('a token is accepted once; its second use names the replay', async () => {
  const store = new MemoryStore();
  const token = await signIdentity(testCaller(), 'lists', BODY, gatewayPrivate);
  await expect(verifyIdentity(token, 'lists', BODY, keys, store)).resolves.toMatchObject({ clientId: 'test-admin' });
  await expect(verifyIdentity(token, 'lists', BODY, keys, store)).rejects.toThrow(new IdentityRejected('identity header was already used: each signed identity is valid for one request'));
});

test('the id is remembered for the rest of the token’s life and a little more, never for good', async () => {
  const ttls: number[] = [];
  const token = await signIdentity(testCaller(), 'lists', BODY, gatewayPrivate);
  await verifyIdentity(token, 'lists', BODY, keys, { useOnce: async (_id, ttl) => (ttls.push(ttl), true) });
  expect(ttls[0]).toBeGreaterThanOrEqual(30);
  expect(ttls[0]).toBeLessThanOrEqual(35);
});

test('a token without a jti is refused, and a refused token spends nothing', async () => {
  const spent: string[] = [];
  const usedIds = { useOnce: async (id: string) => (spent.push(id), true) };
  const noJti = await new SignJWT({ caller: testCaller(), bh: BODY })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'gateway' })
    .setIssuer(IDENTITY_ISSUER)
    .setAudience('lists')
    .setIssuedAt()
    .setExpirationTime('30s')
    .sign(gatewayPrivate);
  await expect(verifyIdentity(noJti, 'lists', BODY, keys, usedIds)).rejects.toThrow(/"jti"/);
  const otherBody = await signIdentity(testCaller(), 'lists', requestBodyHash('{ other }', undefined), gatewayPrivate);
  await expect(verifyIdentity(otherBody, 'lists', BODY, keys, usedIds)).rejects.toThrow(/another request body/);
  expect(spent).toEqual([]);
});

test('the token is a standard EdDSA JWT: signer in kid, issuer, audience, body hash and a 30-second life', async () => {
  const caller = testCaller();
  const token = await signIdentity(caller, 'measures', BODY, gatewayPrivate);
  const { jwtVerify, decodeProtectedHeader } = await import('jose');
  expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', kid: 'gateway' });
  const { payload } = await jwtVerify(token, keys.gateway, { issuer: IDENTITY_ISSUER, audience: 'measures' });
  expect(payload).toMatchObject({ caller, bh: BODY });
  expect(payload.exp! - payload.iat!).toBe(30);
  // Another audience or another key does not verify.
  await expect(jwtVerify(token, keys.gateway, { audience: 'lists' })).rejects.toThrow();
  await expect(jwtVerify(token, keys.service)).rejects.toThrow();
});
