import { badInput } from '../protocol/errors';
import { isIsoDate } from '../credit-records/input';

// Opaque page cursors over (decided_on desc, id desc): records and list entries page the same way.

export function encodeCursor(row: { decidedOn: string; id: string }): string {
  return Buffer.from(`${row.decidedOn}|${row.id}`).toString('base64url');
}

/** [decidedOn, id] of a cursor this API returned; anything else is BAD_USER_INPUT on `after`. */
export function decodeCursor(cursor: string): [string, string] {
  const [decidedOn, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!isIsoDate(decidedOn ?? '') || !id) throw badInput('after', 'CURSOR', 'after is not a cursor returned by this field');
  return [decidedOn, id];
}
