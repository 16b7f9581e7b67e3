import { makeResidentId, makeUscc } from '../protocol/codes';
import { Rng } from './rng';
import { addDays, addYears } from '../calendar/dates';

// The deterministic demo data set (CONTRACT.md "Demo data promises"). Every subgraph seeds its
// own part from these functions, by index, so the parts agree without any subgraph reading
// another's database, and the bulk generator can stream millions of rows the same way.

export const DEMO_SIZES = { legalPersons: 600, naturalPersons: 400 } as const;
/** Dates in the demo set are laid out around this day. */
export const DEMO_ANCHOR = '2026-06-30';

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export const DIVISIONS = [
  ['310106', '静安区'], ['310115', '浦东新区'], ['310112', '闵行区'], ['310101', '黄浦区'], ['310104', '徐汇区'],
  ['310105', '长宁区'], ['310107', '普陀区'], ['310110', '杨浦区'], ['370115', '济阳区'], ['410403', '卫东区'],
] as const;

/** Calling units of the demo clients (their org codes are the listedBy / association keys in the data). */
export const DEMO_ORGS = {
  department: { org: makeUscc('1', '1', '310106', 'MB2F4J01'), name: '上海市静安区市场监督管理局', jurisdiction: '310106' },
  court: { org: makeUscc('1', '1', '310106', 'MB0C7T02'), name: '上海市静安区人民法院', jurisdiction: '310106' },
  association: { org: makeUscc('5', '1', '310000', 'MJ4L8Q03'), name: '上海市旅游行业协会', jurisdiction: '310000', industry: 'L7291' },
  agency: { org: makeUscc('9', '1', '310106', 'MA1K5R04'), name: '上海诚信征信服务有限公司', jurisdiction: '310106' },
  taxBureau: { org: makeUscc('1', '1', '310115', 'MB3H6P05'), name: '国家税务总局上海市浦东新区税务局', jurisdiction: '310115' },
  environment: { org: makeUscc('1', '1', '370115', 'MB4N2W06'), name: '济南市生态环境局济阳分局', jurisdiction: '370115' },
} as const;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建红文辉力国鹏宇浩晨欣怡子涵梓轩一诺雨桐佳琪俊杰志强海燕晓东春梅';
const NAME_WORDS = ['恒通', '远航', '华信', '东方', '申联', '锦程', '宏达', '嘉禾', '瑞丰', '新元', '众诚', '浦江', '金桥', '天润', '博雅', '同舟', '汇智', '长城', '银河', '光明'];
const INDUSTRIES = [
  ['L7291', '旅行社', '旅行社有限公司'], ['E4790', '建筑', '建设工程有限公司'], ['C1391', '食品', '食品有限公司'],
  ['F5211', '零售', '商贸有限公司'], ['I6510', '软件', '信息技术有限公司'], ['K7010', '房地产', '置业有限公司'],
  ['G5430', '运输', '物流有限公司'], ['J6930', '金融', '金融信息服务有限公司'], ['C2710', '医药', '医药有限公司'],
] as const;

export type RecordCategory = 'REGISTRATION' | 'QUALIFICATION' | 'SUPERVISION' | 'JUDGMENT' | 'ENFORCEMENT' | 'CONTRACT_PERFORMANCE' | 'MANAGEMENT' | 'PUBLIC_WELFARE';
export type ListType = 'RED' | 'BLACK' | 'KEY_ATTENTION';
export type SubjectType = 'LEGAL_PERSON' | 'NATURAL_PERSON';

// 2014–2016 legal-person and natural-person volumes by category (001, data chapter). The natural-person
// registration spike of 2016 (8,994,386) is a one-off bulk import and is left out of the proportions.
export const LEGAL_CATEGORY_WEIGHTS: [RecordCategory, number][] = [
  ['REGISTRATION', 193580], ['QUALIFICATION', 99833], ['SUPERVISION', 287230], ['JUDGMENT', 94128],
  ['ENFORCEMENT', 120204], ['CONTRACT_PERFORMANCE', 65], ['MANAGEMENT', 5268], ['PUBLIC_WELFARE', 1],
];
export const NATURAL_CATEGORY_WEIGHTS: [RecordCategory, number][] = [
  ['REGISTRATION', 60000], ['QUALIFICATION', 157229], ['SUPERVISION', 93266], ['JUDGMENT', 500128],
  ['ENFORCEMENT', 299704], ['CONTRACT_PERFORMANCE', 1258], ['MANAGEMENT', 4142], ['PUBLIC_WELFARE', 81806],
];
const DISHONEST_SHARE: Record<RecordCategory, number> = {
  REGISTRATION: 0, QUALIFICATION: 0.02, SUPERVISION: 0.35, JUDGMENT: 0.4, ENFORCEMENT: 0.7,
  CONTRACT_PERFORMANCE: 0.8, MANAGEMENT: 0.3, PUBLIC_WELFARE: 0,
};
const TITLES: Record<RecordCategory, string[]> = {
  REGISTRATION: ['设立登记', '变更登记', '年度报告公示'],
  QUALIFICATION: ['经营许可证核发', '资质等级认定', '特种行业许可'],
  SUPERVISION: ['行政处罚决定', '责令限期改正', '日常检查不合格', '行政许可决定'],
  JUDGMENT: ['民事判决', '刑事判决', '行政判决'],
  ENFORCEMENT: ['失信被执行人', '限制高消费令', '执行终结'],
  CONTRACT_PERFORMANCE: ['欠缴水电燃气费', '拖欠社保费'],
  MANAGEMENT: ['欠缴税款', '非正常户认定'],
  PUBLIC_WELFARE: ['志愿服务记录', '无偿献血表彰'],
};

export interface DemoLegalPerson {
  uscc: string; name: string; organizationType: string; registrationAuthority: string; adminDivision: string;
  industryCode: string; establishedOn: string; status: string; legalRepresentativeIdNumber: string;
}
export interface DemoNaturalPerson { idNumber: string; name: string; gender: string; birthYear: number }
export interface DemoRecord {
  subjectType: SubjectType; subjectKey: string; category: RecordCategory; sourceDepartment: string; title: string;
  content: string; decisionNumber: string | null; decidedOn: string; behaviourEndedOn: string | null; public: boolean;
  dishonest: boolean; decisionKind: 'LICENSING' | 'PENALTY' | 'OTHER'; penaltyTier: 'MINOR' | 'GENERAL' | 'SERIOUS' | null;
  publishedOn: string | null; provider: string; providerRecordId: string;
  /** Its information catalogue item (kit/credit-records/information-catalogue.yaml). */
  item: string;
}
export interface DemoListEntry {
  id: string; subjectType: SubjectType; subjectKey: string; listType: ListType; domain: string; listedBy: string;
  jurisdiction: string; standard: 'NATIONAL' | 'LOCAL'; basis: string; decidedOn: string; periodEndsOn: string | null;
  noticeServedOn: string | null; published: boolean;
}

export function naturalPersonAt(j: number): DemoNaturalPerson {
  const rng = new Rng(`np:${j}`);
  const [division] = rng.pick(DIVISIONS);
  const birth = addDays('1950-01-01', rng.int(0, 365 * 50));
  const female = rng.chance(0.48);
  // GB 11643: the 17th digit is odd for men, even for women.
  const seq = String(rng.int(0, 99) * 10 + (female ? rng.int(0, 4) * 2 : rng.int(0, 4) * 2 + 1)).padStart(3, '0');
  return {
    idNumber: makeResidentId(division, birth.replace(/-/g, ''), seq),
    name: rng.pick([...SURNAMES]) + rng.chars(GIVEN, rng.int(1, 2)),
    gender: female ? 'F' : 'M',
    birthYear: Number(birth.slice(0, 4)),
  };
}

export function legalPersonAt(i: number, naturalPersons: number = DEMO_SIZES.naturalPersons): DemoLegalPerson {
  const rng = new Rng(`lp:${i}`);
  // Index 0 is the demo subject; 1–40 are travel agencies (the demo association's members are 1–30).
  const [division, districtName] = i <= 40 ? DIVISIONS[0] : rng.pick(DIVISIONS);
  const industry = i <= 40 ? INDUSTRIES[0] : rng.pick(INDUSTRIES);
  const body = rng.chars(USCC_BODY, 8);
  const first = rng.pick(NAME_WORDS);
  const second = rng.pick(NAME_WORDS.filter((w) => w !== first));
  return {
    uscc: makeUscc('9', '1', division, body),
    name: `${division.startsWith('31') ? '上海' : districtName}${first}${second}${industry[2]}`,
    organizationType: 'ENTERPRISE',
    registrationAuthority: `${districtName}市场监督管理局`,
    adminDivision: division,
    industryCode: industry[0],
    establishedOn: addDays('1995-01-01', rng.int(0, 365 * 30)),
    status: rng.chance(0.95) ? 'ACTIVE' : 'DEREGISTERED',
    legalRepresentativeIdNumber: naturalPersonAt(i % naturalPersons).idNumber,
  };
}

/** Member companies of the demo association (≥ 20, CONTRACT.md). */
export function isDemoAssociationMember(i: number): boolean {
  return i >= 1 && i <= 30;
}

/** The demo catalogue has one item per subject type and category: LP-SUPERVISION, NP-JUDGMENT, … */
export function demoItemCode(subjectType: SubjectType, category: RecordCategory): string {
  return `${subjectType === 'LEGAL_PERSON' ? 'LP' : 'NP'}-${category.replace(/_/g, '-')}`;
}

export function recordsFor(subjectType: SubjectType, key: string, seed: string, count: number, weights: [RecordCategory, number][]): DemoRecord[] {
  const rng = new Rng(seed);
  const records: DemoRecord[] = [];
  for (let n = 0; n < count; n++) {
    const category = rng.weighted(weights);
    const decidedOn = addDays(DEMO_ANCHOR, -rng.int(10, 365 * 7));
    const dishonest = rng.chance(DISHONEST_SHARE[category]);
    const title = rng.pick(TITLES[category]);
    const decisionKind = title === '行政处罚决定' ? 'PENALTY' : title === '行政许可决定' || category === 'QUALIFICATION' ? 'LICENSING' : 'OTHER';
    const provider = rng.pick(Object.values(DEMO_ORGS)).org;
    records.push({
      subjectType, subjectKey: key, category, sourceDepartment: provider, title,
      content: `${title}（${category.toLowerCase()}）`,
      decisionNumber: `沪${decidedOn.slice(0, 4)}第${rng.int(100, 9999)}号`,
      decidedOn,
      behaviourEndedOn: addDays(decidedOn, rng.int(0, 200)),
      public: decisionKind !== 'OTHER' || rng.chance(0.5),
      dishonest,
      decisionKind,
      penaltyTier: decisionKind === 'PENALTY' ? rng.weighted([['MINOR', 3], ['GENERAL', 5], ['SERIOUS', 2]] as const) : null,
      // Most decisions are published within days; some miss the 7-working-day window.
      publishedOn: decisionKind === 'OTHER' ? null : addDays(decidedOn, rng.chance(0.85) ? rng.int(1, 9) : rng.int(12, 40)),
      provider, providerRecordId: `${seed}:${n}`, item: demoItemCode(subjectType, category),
    });
  }
  return records;
}

export function recordsForLegalPerson(i: number, lp: DemoLegalPerson): DemoRecord[] {
  const records = recordsFor('LEGAL_PERSON', lp.uscc, `lp-rec:${i}`, new Rng(`lp-n:${i}`).int(2, 8), LEGAL_CATEGORY_WEIGHTS);
  if (i === 0) {
    // The demo subject's dishonesty: two unperformed judgments, and a published general-tier penalty.
    // CONTRACT.md: all its dishonesty records are provided by demo-department (it decides objections to them).
    const department = DEMO_ORGS.department.org;
    records.forEach((r, n) => {
      if (r.dishonest) records[n] = { ...r, provider: department, sourceDepartment: department };
    });
    records.push(
      ...recordsFor('LEGAL_PERSON', lp.uscc, 'lp-rec:demo', 2, [['ENFORCEMENT', 1]]).map((r) => ({ ...r, dishonest: true, decidedOn: '2026-03-02', behaviourEndedOn: '2026-03-02', provider: department, sourceDepartment: department })),
      {
        subjectType: 'LEGAL_PERSON', subjectKey: lp.uscc, category: 'SUPERVISION', sourceDepartment: DEMO_ORGS.department.org, title: '行政处罚决定',
        content: '未按规定向旅游者告知行程安全风险，罚款人民币二万元', decisionNumber: '静市监处〔2026〕118号', decidedOn: '2026-05-11', behaviourEndedOn: '2026-05-11',
        public: true, dishonest: true, decisionKind: 'PENALTY', penaltyTier: 'GENERAL', publishedOn: '2026-05-15', provider: DEMO_ORGS.department.org, providerRecordId: 'lp-rec:demo-penalty', item: 'LP-SUPERVISION',
      },
    );
  }
  return records;
}

export function recordsForNaturalPerson(j: number, np: DemoNaturalPerson): DemoRecord[] {
  return recordsFor('NATURAL_PERSON', np.idNumber, `np-rec:${j}`, new Rng(`np-n:${j}`).int(0, 4), NATURAL_CATEGORY_WEIGHTS);
}

const DOMAINS = ['market-supervision', 'tax', 'food-drug', 'environment', 'work-safety', 'court-enforcement'] as const;
const BASIS: Record<string, string> = {
  'market-supervision': '《严重违法失信企业名单管理暂行办法》',
  tax: '发改财金〔2014〕3062号',
  'food-drug': '发改财金〔2016〕1962号',
  environment: '发改财金〔2016〕1580号',
  'work-safety': '发改财金〔2016〕1001号',
  'court-enforcement': '发改财金〔2016〕141号',
};
const LISTER: Record<string, string> = {
  'market-supervision': DEMO_ORGS.department.org, tax: DEMO_ORGS.taxBureau.org, 'food-drug': DEMO_ORGS.department.org,
  environment: DEMO_ORGS.environment.org, 'work-safety': DEMO_ORGS.department.org, 'court-enforcement': DEMO_ORGS.court.org,
};
const JURISDICTION_OF: Record<string, string> = Object.fromEntries(Object.values(DEMO_ORGS).map((o) => [o.org, o.jurisdiction]));

function entry(seed: string, subjectType: SubjectType, subjectKey: string, listType: ListType, domain: string, decidedOn: string, years: number | null): DemoListEntry {
  const rng = new Rng(seed);
  const listedBy = listType === 'RED' ? DEMO_ORGS.taxBureau.org : LISTER[domain];
  return {
    id: rng.uuid(), subjectType, subjectKey, listType, domain, listedBy, jurisdiction: JURISDICTION_OF[listedBy],
    standard: rng.chance(0.7) ? 'NATIONAL' : 'LOCAL', basis: BASIS[domain] ?? '发改财金〔2016〕141号', decidedOn,
    periodEndsOn: years === null ? null : addYears(decidedOn, years),
    noticeServedOn: listType === 'BLACK' ? addDays(decidedOn, -10) : null,
    published: true,
  };
}

/**
 * List entries of legal person i. Companies 41–640 of the demo set rotate through the three list
 * types (≥ 100 each over 600 companies), a few have expired; the demo subject has one active BLACK entry.
 */
export function listEntriesForLegalPerson(i: number, lp: DemoLegalPerson): DemoListEntry[] {
  if (i === 0) return [entry('le:demo', 'LEGAL_PERSON', lp.uscc, 'BLACK', 'market-supervision', '2026-04-01', 3)];
  if (i <= 40) return i % 10 === 5 ? [entry(`le:${i}`, 'LEGAL_PERSON', lp.uscc, 'KEY_ATTENTION', 'market-supervision', '2026-02-01', 1)] : [];
  const rng = new Rng(`le-pick:${i}`);
  const slot = i % 5;
  if (slot === 4) return [];
  const listType: ListType = slot === 0 ? 'RED' : slot === 1 ? 'BLACK' : slot === 2 ? 'KEY_ATTENTION' : rng.pick(['RED', 'BLACK', 'KEY_ATTENTION'] as const);
  const domain = listType === 'RED' ? 'tax' : rng.pick(DOMAINS);
  const decidedOn = addDays(DEMO_ANCHOR, -rng.int(30, 365 * 3));
  // One in ten had a one-year period that has already run out (EXPIRED).
  const years = rng.chance(0.1) ? 1 : listType === 'KEY_ATTENTION' ? 2 : 3;
  return [entry(`le:${i}`, 'LEGAL_PERSON', lp.uscc, listType, domain, addYears(decidedOn, years === 1 ? -1 : 0), years)];
}

/** Court enforcement: one natural person in eight is a dishonest judgment debtor (2 years). */
export function listEntriesForNaturalPerson(j: number, np: DemoNaturalPerson): DemoListEntry[] {
  if (j % 8 !== 3) return [];
  const decidedOn = addDays(DEMO_ANCHOR, -new Rng(`nle:${j}`).int(10, 600));
  return [entry(`nle:${j}`, 'NATURAL_PERSON', np.idNumber, 'BLACK', 'court-enforcement', decidedOn, 2)];
}

export const DEMO_SUBJECT = legalPersonAt(0);
