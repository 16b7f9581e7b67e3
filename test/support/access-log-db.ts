import { createConnection } from 'mysql2/promise';

// Reads the access log's database directly (what the gateway's plugin committed), beside the API.
export async function logRows(where: string, params: unknown[]): Promise<Record<string, any>[]> {
  const conn = await createConnection({ uri: process.env.ACCESS_LOG_DATABASE_URL!, dateStrings: true });
  try {
    const [rows] = await conn.query(`SELECT * FROM access_log WHERE ${where}`, params);
    return rows as Record<string, any>[];
  } finally {
    await conn.end();
  }
}

export const rowsOfRequest = (requestId: string) => logRows('request_id = ?', [requestId]);

/** The credit reports the gateway recorded as issued (001 Art. 29), beside the API. */
export async function reportRows(subjectId: string): Promise<Record<string, any>[]> {
  const conn = await createConnection({ uri: process.env.ACCESS_LOG_DATABASE_URL!, dateStrings: true });
  try {
    const [rows] = await conn.query('SELECT * FROM credit_report WHERE subject_id = ? ORDER BY year, number_in_year', [subjectId]);
    return rows as Record<string, any>[];
  } finally {
    await conn.end();
  }
}
