// Industry self-regulation (000 item 18; 001 Art. 22): what a measure an association applies to a
// member becomes in the member's credit file. Free of GraphQL and TypeORM.

export const INDUSTRY_MEASURES = ['WARNING', 'NOTICE_OF_CRITICISM', 'PUBLIC_CENSURE', 'REFUSAL_OF_ADMISSION', 'PERSUASION_TO_QUIT'] as const;
export type IndustryMeasure = (typeof INDUSTRY_MEASURES)[number];

export interface MeasureRecordShape {
  title: string;
  /** Dishonesty information (失信信息): counted, queried for 5 years, used by grading. */
  dishonest: boolean;
  public: boolean;
}

// 000 item 18 applies the measures "视情节轻重" (by severity). The in-industry warning and notice of
// criticism answer minor lapses and stay inside the industry: not dishonesty information. Public
// censure, refusal of admission and persuasion to quit answer the serious dishonesty that 000 item 18
// has associations "记入会员信用档案" (enter in the member's credit file): dishonesty information.
// Only public censure is public by its nature (公开谴责); the others are in-industry decisions.
export const MEASURE_RECORDS: Record<IndustryMeasure, MeasureRecordShape> = {
  WARNING: { title: '行业协会自律惩戒：警告', dishonest: false, public: false },
  NOTICE_OF_CRITICISM: { title: '行业协会自律惩戒：行业内通报批评', dishonest: false, public: false },
  PUBLIC_CENSURE: { title: '行业协会自律惩戒：公开谴责', dishonest: true, public: true },
  REFUSAL_OF_ADMISSION: { title: '行业协会自律惩戒：不予接纳', dishonest: true, public: false },
  PERSUASION_TO_QUIT: { title: '行业协会自律惩戒：劝退', dishonest: true, public: false },
};

// 000 item 4 (表彰守信会员) and 001 Art. 22 (重点推荐): an association's incentive for a trustworthy
// member; the initiating department decides the red listing itself (000 items 10, 22–23).
export const RED_LIST_RECOMMENDATION: MeasureRecordShape = { title: '行业协会推荐列入守信红名单', dishonest: false, public: false };

// Both are records of the association's industry credit management (行业信用管理, 001 Art. 22, which
// puts 重点推荐 and 业内警告/通报批评/取消会员资格 side by side): MANAGEMENT (管理类). SUPERVISION is
// an administrative organ's supervision; PUBLIC_WELFARE (公益类) counts public-welfare behaviour of the
// subject itself (volunteering, donation), which a recommendation is not.
export const ASSOCIATION_RECORD_CATEGORY = 'MANAGEMENT';

/** Provider record ids: one namespace per kind, so one idempotency key cannot mix the two. */
export const providerRecordIdFor = (kind: 'industry-measure' | 'red-list-recommendation', idempotencyKey: string) => `${kind}:${idempotencyKey}`;
