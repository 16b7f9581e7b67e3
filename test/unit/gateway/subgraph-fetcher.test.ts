import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { leanFetcher } from '../../../gateway/subgraph-fetcher';

// The gateway's subgraph HTTP client: what @apollo/gateway reads from a response, and keep-alive.
let server: Server;
let url: string;
let connections = 0;
const client = leanFetcher();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/fail') {
        res.writeHead(503, { 'content-type': 'text/plain' });
        return res.end('down for maintenance');
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-seen-identity': String(req.headers['x-credit-identity']) });
      res.end(JSON.stringify({ data: { echo: JSON.parse(body), method: req.method, path: req.url } }));
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await client.close();
  await new Promise((resolve) => server.close(resolve));
});

test('sends method, path, headers and body; answers status, headers and the body as text and JSON', async () => {
  const res = await client.fetcher(`${url}/graphql?x=1`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-credit-identity': 'signed' }, body: '{"query":"{ a }"}' });
  expect(res.status).toBe(200);
  expect(res.ok).toBe(true);
  expect(res.headers.get('Content-Type')).toBe('application/json');
  expect(res.headers.get('x-seen-identity')).toBe('signed');
  expect(await res.json()).toEqual({ data: { echo: { query: '{ a }' }, method: 'POST', path: '/graphql?x=1' } });
});

test('a non-2xx answer keeps its status and body (the gateway turns it into DOWNSTREAM_SERVICE_ERROR)', async () => {
  const res = await client.fetcher(`${url}/fail`, { method: 'POST', body: '{}' });
  expect(res.status).toBe(503);
  expect(res.ok).toBe(false);
  expect(await res.text()).toBe('down for maintenance');
});

test('sequential requests reuse one keep-alive connection', async () => {
  const before = connections;
  for (let i = 0; i < 20; i++) await (await client.fetcher(`${url}/graphql`, { method: 'POST', body: `{"i":${i}}` })).text();
  expect(connections - before).toBeLessThanOrEqual(1);
});

test('an unreachable subgraph rejects (no answer is invented)', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  await expect(client.fetcher(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' })).rejects.toThrow();
});
