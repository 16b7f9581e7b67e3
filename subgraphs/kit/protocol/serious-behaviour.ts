// 001 Art. 26 (一)–(五): special serious behaviours. A fact stated by the listing unit or the provider
// (lists, credit records); credit repair is not available for them (001 Art. 32 ¶2).
export const SERIOUS_BEHAVIOURS = [
  'LIFE_AND_HEALTH', // (一) food and drug, environment, construction, work and fire safety harming life and health
  'MARKET_AND_SOCIAL_ORDER', // (二) bribery, tax evasion and fraud, malicious debt evasion, disturbing public order
  'REFUSAL_TO_PERFORM', // (三) refusing to perform a judgment or decision with the ability to
  'NATIONAL_DEFENCE', // (四) refusing national defence or military service obligations
  'OTHER_DESIGNATED', // (五) others designated by the state or the city
] as const;
export type SeriousBehaviour = (typeof SERIOUS_BEHAVIOURS)[number];

/** The Art. 26 item each category is, for messages that name the article. */
export const ART_26_ITEM: Record<SeriousBehaviour, string> = {
  LIFE_AND_HEALTH: '(一)', MARKET_AND_SOCIAL_ORDER: '(二)', REFUSAL_TO_PERFORM: '(三)', NATIONAL_DEFENCE: '(四)', OTHER_DESIGNATED: '(五)',
};

export function isSeriousBehaviour(value: unknown): value is SeriousBehaviour {
  return typeof value === 'string' && (SERIOUS_BEHAVIOURS as readonly string[]).includes(value);
}
