/** The rule ids: a CLI contract (`keytrail detect --json`, `--athena RULE`, config `disabledRules`). */
export const RULE_IDS = [
  'decrypt-failure-burst',
  'key-deletion',
  'key-policy-change',
  'key-material-import',
  'grant-external',
  'data-key-volume',
  'new-source-ip',
  'off-hours',
  'new-principal-for-key',
  'cross-account',
  'enclave-image',
  'kms-excluded-from-trail',
  'delivery-gap',
  'vpce-policy-denials',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && (RULE_IDS as readonly string[]).includes(value);
}
