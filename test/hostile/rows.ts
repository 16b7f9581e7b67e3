import type { Stack } from '../support/stack';

// Whose row an object is (a USCC, or `NP:<NaturalPerson.id>`) and whether a list entry is published:
// read once per id by the platform operator, so the oracle can apply the row rules to any answer.
export interface Row { subject: string | null; published: boolean | null }

const SUBJECT = 'subject { __typename ... on LegalPerson { uscc } ... on NaturalPerson { id } }';
const LOOKUPS: Record<string, string> = {
  ListEntry: `query($id: ID!) { row: listEntry(id: $id) { published ${SUBJECT} } }`,
  Objection: `query($id: ID!) { row: objection(id: $id) { ${SUBJECT} } }`,
  RepairApplication: `query($id: ID!) { row: repairApplication(id: $id) { ${SUBJECT} } }`,
};

export class Rows {
  private readonly cache = new Map<string, Promise<Row>>();

  constructor(private readonly stack: Stack) {}

  of(typeName: string, key: string): Promise<Row> {
    if (typeName === 'LegalPerson') return Promise.resolve({ subject: key, published: null });
    const memo = `${typeName}:${key}`;
    let row = this.cache.get(memo);
    if (!row) {
      row = this.lookup(typeName, key);
      this.cache.set(memo, row);
    }
    return row;
  }

  private async lookup(typeName: string, key: string): Promise<Row> {
    const res = await this.stack.query(LOOKUPS[typeName], { variables: { id: key }, clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' });
    const row = res.data?.row;
    if (!row) throw new Error(`the operator cannot read ${typeName} ${key}: ${JSON.stringify(res.errors)}`);
    const s = row.subject;
    return { subject: s.__typename === 'LegalPerson' ? s.uscc : `NP:${s.id}`, published: row.published ?? null };
  }
}
