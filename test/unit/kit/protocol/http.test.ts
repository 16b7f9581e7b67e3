import { listen, sendJson } from '../../../../subgraphs/kit/protocol/http';

test('a route that throws answers 500 without a stack trace, and the server keeps serving', async () => {
  const server = await listen(
    {
      '/boom': () => {
        throw new Error('synchronous failure');
      },
      '/later': async () => {
        throw new Error('asynchronous failure');
      },
      '/ok': (_req, res) => sendJson(res, 200, { ok: true }),
    },
    0,
    '127.0.0.1',
  );
  try {
    for (const path of ['/boom', '/later']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(500);
      expect(await res.text()).not.toMatch(/failure|at /);
    }
    expect((await fetch(`${server.url}/ok`)).status).toBe(200);
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
  } finally {
    await server.close();
  }
});
