import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { SinkProgress, SinkStats } from './sink';

// One progress bar per table on a terminal; without one (CI, a log file) a line per bar every 15 s.
// A bar fills as rows are staged, then shows 'indexing' while the table is built from the stage.

export interface Progress {
  bar(table: string, total: number): SinkProgress & { setTotal(total: number): void };
  stop(): void;
}

export function terminalProgress(): Progress {
  const multi = new MultiBar(
    {
      format: '{table} [{bar}] {percentage}% {value}/{total} rows, {duration}s {phase}',
      barsize: 30,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 15_000,
    },
    Presets.shades_classic,
  );
  return {
    bar(table, total) {
      const bar: SingleBar = multi.create(Math.max(total, 1), 0, { table: table.padEnd(50), phase: 'staging' });
      return {
        increment: (rows) => bar.increment(rows),
        phase: (phase) => bar.update({ phase }),
        setTotal: (t) => bar.setTotal(Math.max(t, 1)),
      };
    },
    stop: () => multi.stop(),
  };
}

export const silentProgress: Progress = {
  bar: () => ({ increment: () => {}, phase: () => {}, setTotal: () => {} }),
  stop: () => {},
};

const rate = (rows: number, seconds: number) => (seconds > 0 ? Math.round(rows / seconds) : 0);

/** The closing table: rows and rows per second per table, then overall on the whole wall time. */
export function formatReport(tables: SinkStats[], wallSeconds: number): string {
  const lines = tables.map((t) => `${t.table.padEnd(50)} ${String(t.rows).padStart(10)} rows ${t.seconds.toFixed(1).padStart(7)} s ${String(rate(t.rows, t.seconds)).padStart(9)} rows/s`);
  const total = tables.reduce((s, t) => s + t.rows, 0);
  lines.push(`${'overall'.padEnd(50)} ${String(total).padStart(10)} rows ${wallSeconds.toFixed(1).padStart(7)} s ${String(rate(total, wallSeconds)).padStart(9)} rows/s`);
  return lines.join('\n');
}
