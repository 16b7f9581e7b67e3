import { join } from 'node:path';
import { z } from 'zod';
import { parseYamlConfig, readYamlConfig, type YamlConfig } from '../kit/protocol/yaml-file';

// Objection policy is per-jurisdiction data, not code (DOMAIN.md): Jing'an and Pudong suspend joint
// punishment while an objection is verified (000 item 17; Pudong 16), Jiyang does not and sends
// objections to a listing to the initiating department first (002 四(三)).

export const JURISDICTIONS_FILE = join(__dirname, 'jurisdictions.yaml');

const workingDays = z.number().int().min(1).max(60);
const Deadlines = z.strictObject({ platformDecides: workingDays, forwardToProvider: workingDays, providerDecides: workingDays, repairDecides: workingDays });
const Routing = z.enum(['PLATFORM', 'INITIATING_DEPARTMENT']);

const Default = z.strictObject({
  name: z.string().min(1),
  suspendWhileVerifying: z.boolean(),
  listingObjectionsTo: Routing,
  rule: z.string().min(1),
  deadlines: Deadlines,
});
const Division = z.strictObject({
  name: z.string().min(1),
  suspendWhileVerifying: z.boolean().optional(),
  listingObjectionsTo: Routing.optional(),
  rule: z.string().min(1),
  deadlines: Deadlines.partial().optional(),
});
const PolicyFile = z.strictObject({
  default: Default,
  divisions: z.record(z.string().regex(/^\d{6}$/, { message: 'division keys are 6-digit administrative division codes (rule DIVISION_CODE)' }), Division),
});

export type Deadlines = z.output<typeof Deadlines>;
export type ListingRouting = z.output<typeof Routing>;

export interface JurisdictionPolicy {
  /** The division asked for; `default` policies still carry it. */
  division: string;
  /** Whether the division has its own entry (false: the default applied). */
  configured: boolean;
  name: string;
  suspendWhileVerifying: boolean;
  listingObjectionsTo: ListingRouting;
  rule: string;
  deadlines: Deadlines;
}

export class JurisdictionPolicies {
  constructor(private readonly file: z.output<typeof PolicyFile>) {}

  /** The division's policy, each field falling back to `default`. */
  policyFor(division: string): JurisdictionPolicy {
    const d = this.file.default;
    const own = Object.prototype.hasOwnProperty.call(this.file.divisions, division) ? this.file.divisions[division] : undefined;
    if (!own) return { division, configured: false, name: d.name, suspendWhileVerifying: d.suspendWhileVerifying, listingObjectionsTo: d.listingObjectionsTo, rule: d.rule, deadlines: d.deadlines };
    return {
      division,
      configured: true,
      name: own.name,
      suspendWhileVerifying: own.suspendWhileVerifying ?? d.suspendWhileVerifying,
      listingObjectionsTo: own.listingObjectionsTo ?? d.listingObjectionsTo,
      rule: own.rule,
      deadlines: { ...d.deadlines, ...own.deadlines },
    };
  }

  divisions(): string[] {
    return Object.keys(this.file.divisions).sort();
  }
}

function build(config: YamlConfig<z.output<typeof PolicyFile>>): JurisdictionPolicies {
  const { value, fail } = config;
  for (const [code, division] of Object.entries(value.divisions)) {
    // 001 Art. 31: forwarding must leave the provider its own step, so it can never take longer than deciding.
    const deadlines = { ...value.default.deadlines, ...division.deadlines };
    if (deadlines.forwardToProvider > deadlines.platformDecides) {
      fail(['divisions', code, 'deadlines', 'forwardToProvider'], `forwardToProvider (${deadlines.forwardToProvider}) exceeds platformDecides (${deadlines.platformDecides}) (rule FORWARD_BEFORE_DECIDE)`);
    }
  }
  if (value.default.deadlines.forwardToProvider > value.default.deadlines.platformDecides) {
    fail(['default', 'deadlines', 'forwardToProvider'], 'forwardToProvider exceeds platformDecides (rule FORWARD_BEFORE_DECIDE)');
  }
  return new JurisdictionPolicies(value);
}

export function parseJurisdictions(text: string, file = 'jurisdictions.yaml'): JurisdictionPolicies {
  return build(parseYamlConfig(text, file, PolicyFile));
}

let loaded: JurisdictionPolicies | null = null;

/** Loaded and validated once; index.ts calls it at start-up so a bad file stops the process. */
export function jurisdictionPolicies(): JurisdictionPolicies {
  return (loaded ??= build(readYamlConfig(JURISDICTIONS_FILE, PolicyFile)));
}
