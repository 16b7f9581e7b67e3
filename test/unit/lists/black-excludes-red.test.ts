import { blackExcludesRed, redsRestoredOnRevocation } from '../../../subgraphs/lists/rules/black-excludes-red';

// 000 items 14, 36; Pudong 10.
describe('blackExcludesRed', () => {
  const red = { id: 'red-1', listType: 'RED', active: true };
  const oldRed = { id: 'red-0', listType: 'RED', active: false };
  const black = { id: 'black-1', listType: 'BLACK', active: true };
  const pendingBlack = { id: 'black-2', listType: 'BLACK', active: false };

  test('a RED listing of a subject with an active BLACK entry is refused', () => {
    expect(blackExcludesRed('RED', true, [black])).toEqual({ refused: true, rule: 'BLACK_EXCLUDES_RED', blockingEntryId: 'black-1' });
  });

  test('a BLACK entry that is not in force (pending notice, expired) does not block the red list', () => {
    expect(blackExcludesRed('RED', true, [pendingBlack])).toEqual({ refused: false, displace: [] });
  });

  test('a BLACK listing that takes effect displaces the active RED entries only', () => {
    expect(blackExcludesRed('BLACK', true, [red, oldRed, black])).toEqual({ refused: false, displace: ['red-1'] });
  });

  test('a BLACK listing pending its notice triggers nothing', () => {
    expect(blackExcludesRed('BLACK', false, [red])).toEqual({ refused: false, displace: [] });
  });

  test('KEY_ATTENTION neither blocks nor displaces', () => {
    expect(blackExcludesRed('KEY_ATTENTION', true, [red, black])).toEqual({ refused: false, displace: [] });
    expect(blackExcludesRed('RED', true, [{ id: 'k', listType: 'KEY_ATTENTION', active: true }])).toEqual({ refused: false, displace: [] });
  });
});

describe('redsRestoredOnRevocation (wrongly applied punishment is undone)', () => {
  const displaced = [{ id: 'red-1', stillDisplaced: true }, { id: 'red-2', stillDisplaced: false }];

  test('revoking the displacing BLACK entry restores the RED entries still displaced', () => {
    expect(redsRestoredOnRevocation('BLACK', displaced, false)).toEqual(['red-1']);
  });

  test('nothing returns while another BLACK entry is in force, or for other list types', () => {
    expect(redsRestoredOnRevocation('BLACK', displaced, true)).toEqual([]);
    expect(redsRestoredOnRevocation('KEY_ATTENTION', displaced, false)).toEqual([]);
  });
});
