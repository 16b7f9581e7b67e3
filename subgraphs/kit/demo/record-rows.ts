import type { CreditRecordRow } from '../credit-records/entity';
import { recordId } from '../credit-records/record-id';
import type { DemoRecord } from './demo-data';

export function demoRecordRow(record: DemoRecord, subjectId: string): CreditRecordRow {
  const { subjectType: _t, subjectKey: _k, ...fields } = record;
  return { id: recordId(record.provider, record.providerRecordId), subjectId, ...fields, seriousBehaviour: null, annotation: null, removal: null, removedOn: null, correctedFrom: null, correctedOn: null };
}
