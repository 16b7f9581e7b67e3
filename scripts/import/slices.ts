// The importer's CPU work (parsing, the rules, the LOAD DATA lines) runs on the thread that also feeds the
// database the previous chunk: done in one go, a 20,000-line chunk held the event loop ~0.3 s while the
// server sat idle waiting for the rest of its LOAD DATA. In slices, with the event loop let through
// between them, the two overlap.

const SLICE = 1_000;

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `work` over `items` a slice at a time, the results in order. */
export async function inSlices<T, R>(items: T[], work: (slice: T[], offset: number) => R[]): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += SLICE) {
    if (i) await breathe();
    for (const r of work(items.slice(i, i + SLICE), i)) out.push(r);
  }
  return out;
}
