import { periodEnd } from '../../kit/calendar/period-end';

// One end-day rule for every period (kit/calendar/period-end.ts): N years from the decision end on that day.
const addYears = (start: string, years: number): string => periodEnd(start, { years });

// Listing periods (DOMAIN.md "National rules in force now"). The numbers are policy, kept in
// subgraphs/lists/list-periods.yaml; these functions apply a policy to a listing or an extension.

export interface DomainPeriod {
  /** Period when the listing department gives none, in years from the decision date. */
  defaultYears: number;
  /** Longest period a listing may set, in years from the decision date. */
  maxYears: number;
  /** When present, an extension adds minYears..maxYears to the current period end (court list). */
  extension?: { minYears: number; maxYears: number };
  /** 001 Art. 26 category a listing in this domain has unless the listing unit states another (court list: (三)). */
  seriousBehaviour?: string;
}

export interface PeriodPolicy {
  default: DomainPeriod;
  domains: Record<string, DomainPeriod>;
}

export function periodFor(policy: PeriodPolicy, domain: string): DomainPeriod {
  return policy.domains[domain] ?? policy.default;
}

/** 001 Art. 26: the category the listing unit states, else the domain's (court-enforcement: REFUSAL_TO_PERFORM, (三)). */
export function seriousBehaviourFor(policy: PeriodPolicy, domain: string, stated: string | null | undefined): string | null {
  return stated ?? periodFor(policy, domain).seriousBehaviour ?? null;
}

/** Court list: 2 years from the decision when the court gives no end date. */
export function defaultPeriodEnd(policy: PeriodPolicy, domain: string, decidedOn: string): string {
  return addYears(decidedOn, periodFor(policy, domain).defaultYears);
}

export type PeriodRule = 'PERIOD_AFTER_DECISION' | 'PERIOD_MAXIMUM';

/** A period must end after the decision and no later than the domain's maximum. */
export function periodRuleBroken(policy: PeriodPolicy, domain: string, decidedOn: string, periodEndsOn: string): PeriodRule | null {
  if (periodEndsOn <= decidedOn) return 'PERIOD_AFTER_DECISION';
  if (periodEndsOn > addYears(decidedOn, periodFor(policy, domain).maxYears)) return 'PERIOD_MAXIMUM';
  return null;
}

export type ExtensionRule = 'EXTENSION_NOT_LATER' | 'EXTENSION_RANGE' | 'PERIOD_MAXIMUM';

export interface ExtendedEntry {
  domain: string;
  decidedOn: string;
  periodEndsOn: string | null;
}

/**
 * Court list (domain with an `extension`): the new end is 1–3 years after the current end, and at most
 * one full extension beyond the base period. Other domains: any later date up to the domain maximum.
 */
export function extensionRuleBroken(policy: PeriodPolicy, entry: ExtendedEntry, newEnd: string): ExtensionRule | null {
  const period = periodFor(policy, entry.domain);
  const current = entry.periodEndsOn ?? addYears(entry.decidedOn, period.maxYears);
  if (newEnd <= current) return 'EXTENSION_NOT_LATER';
  if (!period.extension) return newEnd > addYears(entry.decidedOn, period.maxYears) ? 'PERIOD_MAXIMUM' : null;
  if (newEnd < addYears(current, period.extension.minYears) || newEnd > addYears(current, period.extension.maxYears)) return 'EXTENSION_RANGE';
  if (newEnd > addYears(entry.decidedOn, period.maxYears + period.extension.maxYears)) return 'PERIOD_MAXIMUM';
  return null;
}
