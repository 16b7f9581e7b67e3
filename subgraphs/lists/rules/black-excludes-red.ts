// 000 items 14, 36; Pudong 10: a subject on the black list cannot be added to the red list,
// and is removed from the red list when it is black-listed.

export const DISPLACED_BY_BLACK = 'DISPLACED_BY_BLACK';
export const BLACK_EXCLUDES_RED = 'BLACK_EXCLUDES_RED';

export interface HeldEntry {
  id: string;
  listType: string;
  /** Effective status as of today (see rules/status.ts). */
  active: boolean;
}

export type ExclusionOutcome =
  | { refused: true; rule: typeof BLACK_EXCLUDES_RED; blockingEntryId: string }
  | { refused: false; displace: string[] };

/**
 * What a new entry of `listType` that is `takesEffect` (active now, not pending notice) does to the
 * subject's existing entries: refused, or allowed and displacing these active RED entries.
 */
export function blackExcludesRed(listType: string, takesEffect: boolean, held: HeldEntry[]): ExclusionOutcome {
  if (listType === 'RED') {
    const black = held.find((e) => e.listType === 'BLACK' && e.active);
    return black ? { refused: true, rule: BLACK_EXCLUDES_RED, blockingEntryId: black.id } : { refused: false, displace: [] };
  }
  // A BLACK entry still waiting for its notice has not taken effect, so it triggers nothing yet.
  if (listType !== 'BLACK' || !takesEffect) return { refused: false, displace: [] };
  return { refused: false, displace: held.filter((e) => e.listType === 'RED' && e.active).map((e) => e.id) };
}

export interface DisplacedRed {
  id: string;
  /** Still REMOVED with end reason DISPLACED_BY_BLACK (not ended since for another reason). */
  stillDisplaced: boolean;
}

/**
 * DOMAIN.md "Objections": wrongly applied punishment is undone. When the BLACK entry that displaced
 * RED entries is revoked, they return to the red list — unless another BLACK entry is in force.
 */
export function redsRestoredOnRevocation(revokedListType: string, displaced: DisplacedRed[], otherBlackInForce: boolean): string[] {
  if (revokedListType !== 'BLACK' || otherBlackInForce) return [];
  return displaced.filter((d) => d.stillDisplaced).map((d) => d.id);
}
