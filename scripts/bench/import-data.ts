import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { makeUscc } from '../../subgraphs/kit/protocol/codes';
import { addDays } from '../../subgraphs/kit/calendar/dates';

// A generated import file and the companies it is about, for the import benchmark and its kill -9 test.

/**
 * Node's arguments for the import as `npm run import` runs it, from package.json (its flags included:
 * --max-semi-space-size=64, as a chunk's parsed lines outlive the default young generation; 2M lines took
 * 9% less importer CPU), so the benchmark and the tests run the command users run.
 */
export const IMPORT_NODE_ARGS: string[] = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).scripts.import as string).split(' ').slice(1);

const BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** The i-th generated company code: distinct for every i below 31^8. */
export function generatedUscc(i: number): string {
  let body = '';
  for (let n = i, k = 0; k < 8; k++, n = Math.floor(n / 31)) body = BODY[n % 31] + body;
  return makeUscc('9', '1', '310115', body);
}

/** Registers `count` companies (multi-row inserts; the legal_person table must exist). */
export async function registerCompanies(conn: Connection, count: number): Promise<void> {
  for (let i = 0; i < count; i += 5_000) {
    const rows = Array.from({ length: Math.min(5_000, count - i) }, (_, k) => [generatedUscc(i + k), `上海生成企业${i + k}有限公司`, 'ENTERPRISE', '浦东新区市场监督管理局', '310115', 'ACTIVE']);
    await conn.query('INSERT IGNORE INTO legal_person (uscc, name, organization_type, registration_authority, admin_division, status) VALUES ?', [rows]);
  }
}

const ITEMS = [
  ['LP-SUPERVISION', 'SUPERVISION', '行政处罚决定', 'PENALTY'], ['LP-QUALIFICATION', 'QUALIFICATION', '经营许可证核发', 'LICENSING'],
  ['LP-ENFORCEMENT', 'ENFORCEMENT', '失信被执行人', 'OTHER'], ['LP-REGISTRATION', 'REGISTRATION', '变更登记', 'OTHER'],
] as const;

const unknownAt = (i: number, badEvery: number) => badEvery > 0 && i % badEvery === badEvery - 1;
const offCatalogueAt = (i: number, badEvery: number) => badEvery > 0 && i % (badEvery + 1) === badEvery;

/** How many lines writeImportFile needs for `good` good ones among its bad ones. */
export function linesForGood(good: number, badEvery: number): number {
  let lines = 0;
  for (let g = 0; g < good; lines++) if (!unknownAt(lines, badEvery) && !offCatalogueAt(lines, badEvery)) g++;
  return lines;
}

/**
 * Writes `lines` records of `provider` about `companies` companies; every `badEvery`-th line (0: none) names
 * an unregistered company, and every (badEvery+1)-th an item outside the catalogue. Returns the good lines.
 */
export async function writeImportFile(path: string, lines: number, companies: number, provider: string, badEvery = 0): Promise<number> {
  const out = createWriteStream(path);
  let good = 0;
  let buf: string[] = [];
  for (let i = 0; i < lines; i++) {
    const [item, category, title, decisionKind] = ITEMS[i % ITEMS.length];
    const unknown = unknownAt(i, badEvery);
    const offCatalogue = offCatalogueAt(i, badEvery);
    const decidedOn = addDays('2024-01-01', i % 900);
    const record = {
      subjectType: 'LEGAL_PERSON', subjectId: unknown ? generatedUscc(companies + i) : generatedUscc(i % companies), category, sourceDepartment: '浦东新区市场监督管理局',
      title, content: `${title}：第${i}号（生成数据）`, decisionNumber: `浦市监${decidedOn.slice(0, 4)}第${i}号`, decidedOn, behaviourEndedOn: decidedOn,
      public: true, dishonest: decisionKind === 'PENALTY', decisionKind, penaltyTier: decisionKind === 'PENALTY' ? 'GENERAL' : null,
      publishedOn: decisionKind === 'OTHER' ? null : addDays(decidedOn, 3), providerRecordId: `gen-${i}`, item: offCatalogue ? 'LP-NOT-AN-ITEM' : item,
    };
    if (!unknown && !offCatalogue) good++;
    buf.push(JSON.stringify(record));
    if (buf.length === 10_000) {
      if (!out.write(`${buf.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = [];
    }
  }
  if (buf.length) out.write(`${buf.join('\n')}\n`);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return good;
}
