import { createConnection } from 'mysql2/promise';

// Integration tests run on real MariaDB/MySQL (127.0.0.1:3306, root, no password unless TEST_MYSQL_URL says otherwise).
export const TEST_MYSQL_SERVER = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

/** A fresh, empty database for one test file: dropped and created again. */
export async function freshDatabase(name: string): Promise<string> {
  // TEST_DB_PREFIX keeps two checkouts testing at once on one server apart.
  const database = `test_${process.env.TEST_DB_PREFIX ?? ''}${name.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`;
  const conn = await createConnection(`${TEST_MYSQL_SERVER}/`);
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await conn.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  return `${TEST_MYSQL_SERVER}/${database}`;
}
