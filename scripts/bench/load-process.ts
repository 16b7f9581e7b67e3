import autocannon from 'autocannon';

// The load generator, in its own process: each IPC message is one round (autocannon, keep-alive
// connections, POST bodies in rotation); the answer is its throughput and latency percentiles.
export interface Round {
  url: string;
  headers: Record<string, string>;
  bodies: string[];
  connections: number;
  seconds: number;
}

export interface RoundResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx answers and 2xx answers that carry GraphQL errors. */
  failures: number;
}

async function round(r: Round): Promise<RoundResult> {
  let next = 0;
  let graphqlErrors = 0;
  const result = await autocannon({
    url: r.url,
    connections: r.connections,
    duration: r.seconds,
    // A slow answer on a loaded machine is a slow answer, not a failure (autocannon's default is 10 s).
    timeout: 120,
    headers: { 'content-type': 'application/json', ...r.headers },
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({ ...req, body: r.bodies[next++ % r.bodies.length] }),
        onResponse: (status, body) => {
          if (status === 200 && body?.startsWith('{"errors"')) graphqlErrors++;
        },
      },
    ],
  });
  const seconds = result.duration;
  return { requests: result.requests.total, seconds, rps: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99, failures: result.non2xx + result.errors + result.timeouts + graphqlErrors };
}

process.on('message', (message) => {
  round(message as Round).then(
    (result) => process.send!({ result }),
    (e: Error) => process.send!({ error: e.message }),
  );
});
