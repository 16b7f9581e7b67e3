import pino from 'pino';

export const log = pino({ level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info') });

/** Start-up failures (a bad config file, an unreachable database) print their message, not a stack trace. */
export function exitOnError(e: unknown): never {
  log.debug({ err: e }, 'failed to start');
  console.error(`failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
