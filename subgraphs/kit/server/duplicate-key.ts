// Idempotent writes race: two retries of one submission both see "not there yet" and both insert.
// The unique index lets one win; the loser runs again and now finds the winner's row.

export function isDuplicateKey(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string };
  return err.code === 'ER_DUP_ENTRY' || err.driverError?.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed/.test(String(err.message));
}

/** Runs `attempt` (a whole transaction) once more when it lost a unique-key race. */
export async function onceMoreOnDuplicateKey<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (e) {
    if (isDuplicateKey(e)) return attempt();
    throw e;
  }
}
