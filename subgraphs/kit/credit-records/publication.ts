import { addYears } from '../calendar/dates';

// How long a double-publicity decision stays on public display, counted from the decision date.
// National rules (DOMAIN.md "National rules in force now"): penalties — minor not published,
// general at most 1 year, serious at most 3 years; publication stops automatically at the maximum.
// Licensing decisions have no national maximum; 3 years is this platform's default.
export const PUBLICATION_YEARS = { LICENSING: 3, GENERAL: 1, SERIOUS: 3 } as const;

/** Decisions taken after these days are still on display today. */
export function publicationCutoffs(today: string): { licensing: string; general: string; serious: string } {
  return {
    licensing: addYears(today, -PUBLICATION_YEARS.LICENSING),
    general: addYears(today, -PUBLICATION_YEARS.GENERAL),
    serious: addYears(today, -PUBLICATION_YEARS.SERIOUS),
  };
}

export function isOnPublicDisplay(
  r: { public: boolean; decisionKind: string; penaltyTier: string | null; decidedOn: string; publishedOn: string | null },
  today: string,
): boolean {
  if (!r.public || !r.publishedOn) return false;
  const cut = publicationCutoffs(today);
  if (r.decisionKind === 'LICENSING') return r.decidedOn > cut.licensing;
  if (r.decisionKind !== 'PENALTY') return false;
  if (r.penaltyTier === 'GENERAL') return r.decidedOn > cut.general;
  if (r.penaltyTier === 'SERIOUS') return r.decidedOn > cut.serious;
  return false; // MINOR: normally not published
}
