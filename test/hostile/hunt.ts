import fc from 'fast-check';
import type { Finding } from './answer-invariants';

// Runs a property with bounded concurrency: `concurrency` fast-check loops share the run budget.
// A loop that meets a finding of a class nobody has met yet shrinks it to a minimal case, records
// that case, and goes on with a new seed; classes already recorded are counted, not shrunk again,
// so one run reports every class of finding it meets, each with its minimal reproduction.

export interface FoundClass { invariant: string; detail: string; count: number; example?: string; message?: string }
export interface HuntReport { cases: number; shrinkCases: number; classes: Map<string, FoundClass>; claimed: Set<string> }

export const emptyReport = (): HuntReport => ({ cases: 0, shrinkCases: 0, classes: new Map(), claimed: new Set() });
export interface HuntOptions<T> {
  arbitrary: fc.Arbitrary<T>;
  runs: number;
  concurrency: number;
  seed: number;
  execute(value: T): Promise<Finding[]>;
  describe(value: T): string;
}

// Enough steps to shrink a generated operation to a few fields; a flaky class (slowness under load) stops here.
const MAX_SHRINK_STEPS = 150;

const classOf = (f: Finding) => `${f.invariant} ${f.detail}`.trim();

/** Adds to `report` (several hunts can share one, so a class shrunk in one is not shrunk again in the next). */
export async function hunt<T>(o: HuntOptions<T>, report: HuntReport = emptyReport()): Promise<HuntReport> {
  const { claimed } = report;
  const loop = async (index: number) => {
    let remaining = Math.ceil(o.runs / o.concurrency);
    for (let round = 0; remaining > 0; round++) {
      const mine = new Set<string>();
      let shrinking = false;
      let steps = 0;
      let last: Finding[] = [];
      const property = fc.asyncProperty(o.arbitrary, async (value) => {
        if (shrinking && ++steps > MAX_SHRINK_STEPS) return true;
        const findings = await o.execute(value);
        if (shrinking) report.shrinkCases++;
        else {
          report.cases++;
          for (const f of findings) {
            const known = report.classes.get(classOf(f)) ?? { invariant: f.invariant, detail: f.detail, count: 0 };
            known.count++;
            report.classes.set(classOf(f), known);
          }
        }
        const fresh = findings.filter((f) => mine.has(classOf(f)) || !claimed.has(classOf(f)));
        if (!fresh.length) return true;
        for (const f of fresh) (claimed.add(classOf(f)), mine.add(classOf(f)));
        shrinking = true;
        last = fresh;
        return false;
      });
      const result = await fc.check(property, { numRuns: remaining, seed: o.seed + index * 7919 + round, endOnFailure: false });
      remaining -= result.failed ? result.numRuns : remaining;
      if (!result.failed) break;
      if (!result.counterexample) throw new Error(`the property itself failed: ${String(result.errorInstance)}`);
      const example = o.describe(result.counterexample[0]);
      for (const f of last) {
        const known = report.classes.get(classOf(f)) ?? { invariant: f.invariant, detail: f.detail, count: 0 };
        report.classes.set(classOf(f), { ...known, example, message: f.message });
      }
      // Classes this loop claimed on the way but shrank away from stay open for the others.
      for (const cls of mine) if (!last.some((f) => classOf(f) === cls)) claimed.delete(cls);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, (_, i) => loop(i)));
  return report;
}

export function summary(report: HuntReport, requests: number, byStatus: Map<number, number>, ms: number): string {
  const statuses = [...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
  const lines = [`hostile run: ${report.cases} cases (+${report.shrinkCases} while shrinking), ${requests} requests in ${Math.round(ms / 1000)} s; by status ${statuses}`];
  const classes = [...report.classes.values()].sort((a, b) => a.invariant.localeCompare(b.invariant) || a.detail.localeCompare(b.detail));
  lines.push(classes.length ? `${classes.length} classes of findings:` : 'no findings');
  for (const c of classes) lines.push(`  ${c.invariant} ${c.detail}: ${c.count} cases`);
  for (const c of classes.filter((k) => k.example)) lines.push('', `== ${c.invariant} ${c.detail}: ${c.message}`, c.example!);
  return lines.join('\n');
}
