import { earliestStartWithin, hasRunOut, isWithin } from '../calendar/period-end';
import { creditPeriods, type PublicationKind } from './credit-periods';

// How long a double-publicity decision stays on public display, counted from the decision date, by
// tier (credit-periods.yaml publication; DOMAIN.md "National rules in force now"): publication stops
// automatically on the end day of the maximum.

export interface PublishedDecision {
  public: boolean;
  decisionKind: string;
  penaltyTier: string | null;
  decidedOn: string;
  publishedOn: string | null;
}

/** LICENSING, or the penalty's tier; null for decisions that are not published at all. */
export function publicationKind(r: Pick<PublishedDecision, 'decisionKind' | 'penaltyTier'>): PublicationKind | null {
  if (r.decisionKind === 'LICENSING') return 'LICENSING';
  if (r.decisionKind === 'PENALTY' && (r.penaltyTier === 'MINOR' || r.penaltyTier === 'GENERAL' || r.penaltyTier === 'SERIOUS')) return r.penaltyTier;
  return null;
}

/** Per kind, decisions taken on or after this day are still on display today (the SQL form of isOnPublicDisplay). */
export function publicationCutoffs(today: string): Record<PublicationKind, string> {
  const tiers = creditPeriods().publication;
  return Object.fromEntries(Object.entries(tiers).map(([kind, t]) => [kind, earliestStartWithin(t.maximum, today)])) as Record<PublicationKind, string>;
}

export function isOnPublicDisplay(r: PublishedDecision, today: string): boolean {
  const kind = publicationKind(r);
  if (!r.public || !r.publishedOn || !kind) return false;
  return isWithin(r.decidedOn, creditPeriods().publication[kind].maximum, today);
}

/** Whether the tier's minimum publication period has passed: before it, repair cannot stop publication. */
export function minimumPublicationPassed(r: Pick<PublishedDecision, 'decisionKind' | 'penaltyTier' | 'decidedOn'>, today: string): boolean {
  const kind = publicationKind(r);
  return kind === null || hasRunOut(r.decidedOn, creditPeriods().publication[kind].minimum, today);
}
