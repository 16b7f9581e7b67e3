// Automatic matching (000 保障(二) 自动比对、自动拦截): given a subject's active list entries and a
// business matter (query purpose), which catalogue measures apply. Plain data in, plain data out.

export interface ActiveListEntry {
  id: string;
  listType: string;
  domain: string;
  /** Set by the objections subgraph: joint punishment is held while the information is verified (000 序号40). */
  punishmentSuspension?: { suspended: boolean; reason?: string | null } | null;
  /** From the lists subgraph with the entry (@requires), handed on with it (@provides on ApplicableMeasure.listEntry). */
  published?: boolean;
  subject?: { __typename: string; uscc?: string; id?: string } | null;
}

export interface MeasureRule {
  id: string;
  kind: 'INCENTIVE' | 'PUNISHMENT';
  mandatory: boolean;
  listTypes: readonly string[];
  /** Empty: every domain. */
  domains: readonly string[];
  purposes: readonly string[];
}

export interface Applicable<M extends MeasureRule> {
  measure: M;
  entry: ActiveListEntry;
  suspended: boolean;
  suspensionReason: string | null;
}

export function measureApplies(measure: MeasureRule, entry: ActiveListEntry, purpose: string): boolean {
  return (
    measure.listTypes.includes(entry.listType) &&
    (measure.domains.length === 0 || measure.domains.includes(entry.domain)) &&
    measure.purposes.includes(purpose)
  );
}

/** Mandatory (强制性) before recommended (推荐性), punishment before incentive, then measure id, then entry order. */
function compare<M extends MeasureRule>(a: Applicable<M> & { at: number }, b: Applicable<M> & { at: number }): number {
  if (a.measure.mandatory !== b.measure.mandatory) return a.measure.mandatory ? -1 : 1;
  if (a.measure.kind !== b.measure.kind) return a.measure.kind === 'PUNISHMENT' ? -1 : 1;
  if (a.measure.id !== b.measure.id) return a.measure.id < b.measure.id ? -1 : 1;
  return a.at - b.at;
}

/**
 * For each active entry, the measures whose list types include the entry's type, whose domains are
 * empty or include its domain, and whose purposes include the purpose. A punishment held by a
 * pending objection is still listed, marked suspended with the reason; incentives are never suspended.
 */
export function applicableMeasures<M extends MeasureRule>(entries: readonly ActiveListEntry[], measures: readonly M[], purpose: string): Applicable<M>[] {
  const found: (Applicable<M> & { at: number })[] = [];
  entries.forEach((entry, at) => {
    const held = entry.punishmentSuspension?.suspended === true;
    for (const measure of measures) {
      if (!measureApplies(measure, entry, purpose)) continue;
      const suspended = measure.kind === 'PUNISHMENT' && held;
      found.push({ measure, entry, at, suspended, suspensionReason: suspended ? (entry.punishmentSuspension?.reason ?? null) : null });
    }
  });
  return found.sort(compare).map(({ at: _at, ...rest }) => rest);
}

// Query.measures(filter): every given field narrows the catalogue; absent fields do not.
export interface MeasureFilter {
  kind?: string | null;
  mandatory?: boolean | null;
  category?: string | null;
  listType?: string | null;
  /** Matches measures for that domain and those for every domain (empty domains). */
  domain?: string | null;
  purpose?: string | null;
}

interface Filterable {
  kind: string;
  mandatory: boolean;
  category: string;
  listTypes: readonly string[];
  domains: readonly string[];
  purposes: readonly string[];
}

const given = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;

export function matchesFilter(m: Filterable, f: MeasureFilter = {}): boolean {
  if (given(f.kind) && m.kind !== f.kind) return false;
  if (given(f.mandatory) && m.mandatory !== f.mandatory) return false;
  if (given(f.category) && m.category !== f.category) return false;
  if (given(f.listType) && !m.listTypes.includes(f.listType)) return false;
  if (given(f.domain) && m.domains.length > 0 && !m.domains.includes(f.domain)) return false;
  if (given(f.purpose) && !m.purposes.includes(f.purpose)) return false;
  return true;
}
