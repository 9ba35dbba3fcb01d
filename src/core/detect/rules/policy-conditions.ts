import { isObject } from '../../parse/classify.js';
import { principalAccount } from '../../normalize/identity.js';

/** What the Condition of an Allow statement for `"*"` lets in, as a sentence can say it. */
export interface ConditionLimit {
  /** `principals of organization o-1 and requests through VPC endpoint vpce-1` (log text: sanitize before display). */
  text: string;
  /** The only accounts the condition lets in, when a condition names them all; null when it does not bound accounts. */
  accounts: string[] | null;
}

/** Condition keys that say who may call, worded for a reason. */
const WORDS: Record<string, string> = {
  'aws:principalorgid': 'principals of organization',
  'aws:principalorgpaths': 'principals under organization path',
  'aws:principalaccount': 'callers of account',
  'kms:calleraccount': 'callers of account',
  'aws:sourceaccount': 'requests on behalf of account',
  'aws:principalarn': 'principals',
  'aws:sourcearn': 'requests on behalf of',
  'aws:sourcevpce': 'requests through VPC endpoint',
  'aws:sourcevpc': 'requests from VPC',
  'kms:viaservice': 'requests through',
  'aws:sourceip': 'requests from',
};

/** Keys whose values bound the caller's account: plain account ids, or principal ARNs. */
const ACCOUNT_KEYS = new Set(['aws:principalaccount', 'kms:calleraccount']);
const ARN_KEYS = new Set(['aws:principalarn']);

const strings = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');

/** The accounts one positive test lets in, or null when its values do not name every account exactly. */
function boundAccounts(key: string, values: string[]): string[] | null {
  if (ACCOUNT_KEYS.has(key)) return values.every((value) => /^\d{12}$/.test(value)) ? values : null;
  if (!ARN_KEYS.has(key)) return null;
  const accounts = values.map(principalAccount);
  return accounts.every((account): account is string => account !== null) ? accounts : null;
}

/**
 * Reads a statement's Condition. Every test is said; only positive ones (not `Not...`, not
 * `...IfExists` or `ForAllValues:`, which a missing key passes) bound who is let in.
 */
export function conditionLimit(condition: unknown): ConditionLimit | null {
  if (!isObject(condition)) return null;
  const parts: string[] = [];
  let accounts: string[] | null = null;
  for (const [operator, tests] of Object.entries(condition)) {
    if (!isObject(tests)) continue;
    // ForAllValues and IfExists tests pass when the key is missing; Null tests only ask whether it is there.
    const positive = !/Not|IfExists$|^ForAllValues:|^Null$/i.test(operator);
    for (const [name, value] of Object.entries(tests)) {
      const key = name.toLowerCase();
      const values = strings(value);
      const words = WORDS[key];
      parts.push(positive && words ? `${words} ${values.join(' or ')}` : `${name} ${operator} ${values.join(', ') || JSON.stringify(value)}`);
      const bound = positive ? boundAccounts(key, values) : null;
      if (bound) accounts = accounts ? accounts.filter((account) => bound.includes(account)) : bound;
    }
  }
  return parts.length > 0 ? { text: parts.join(' and '), accounts } : null;
}
