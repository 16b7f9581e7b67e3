import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Locks the rows the query reads for the rest of the transaction (MySQL; sql.js has one writer anyway). */
export function forUpdate<T extends ObjectLiteral>(m: EntityManager, qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return m.connection.options.type === 'mysql' ? qb.setLock('pessimistic_write') : qb;
}
