// Shares of a table in percent with one decimal that sum to exactly 100 (the 2016 report: daily
// supervision 87.9 % of legal-person queries). Largest remainder (Hamilton): every share is rounded
// down to 0.1, then the tenths still missing go to the largest remainders, ties to the earlier row.
// An empty table (total 0) has every share 0.

export function shares(counts: readonly number[], decimals = 1): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const unit = 10 ** decimals;
  const exact = counts.map((c) => (c * 100 * unit) / total);
  const floors = exact.map(Math.floor);
  let missing = 100 * unit - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rest: e - floors[i] })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i]++;
    missing--;
  }
  return floors.map((f) => f / unit);
}

/** part / whole in percent, one decimal; 0 when whole is 0. */
export function percent(part: number, whole: number, decimals = 1): number {
  if (whole === 0) return 0;
  const unit = 10 ** decimals;
  return Math.round((part * 100 * unit) / whole) / unit;
}

/** Every key of `all` in its order, with the count found (0 when absent). */
export function everyKey<K extends string>(all: readonly K[], rows: { k: string; n: number | string }[]): { key: K; count: number }[] {
  const found = new Map(rows.map((r) => [String(r.k), Number(r.n)]));
  return all.map((key) => ({ key, count: found.get(key) ?? 0 }));
}
