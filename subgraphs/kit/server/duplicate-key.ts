// Idempotent writes race: two retries of one submission both see "not there yet" and both insert.
// The unique index lets one win; the loser runs again and now finds the winner's row. Writers that
// share a tally row (kit/credit-records/tally.ts) may also deadlock on InnoDB's gap locks; the server
// rolls the loser back whole, and running it again is the documented answer.

export function isDuplicateKey(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string };
  return err.code === 'ER_DUP_ENTRY' || err.driverError?.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed/.test(String(err.message));
}

function isDeadlock(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err.code === 'ER_LOCK_DEADLOCK' || err.driverError?.code === 'ER_LOCK_DEADLOCK';
}

/** Runs `attempt` (a whole transaction) once more when it lost a unique-key race or a deadlock. */
export async function onceMoreOnLostRace<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (e) {
    if (isDuplicateKey(e) || isDeadlock(e)) return attempt();
    throw e;
  }
}
