// Scope names that subgraphs check for row-level rules and masking. The gateway grants them from
// gateway/authorization.yaml (the authorization matrix); field-level scopes live in the SDL.
export const Scope = {
  /** Full resident id numbers instead of masked ones (courts, for judicial work). */
  FULL_ID_NUMBER: 'person:id-number',
  /** Service-to-service calls (outbox deliveries); never granted to a client. */
  INTERNAL: 'internal',
} as const;
