import { isObject, type JsonObject } from '../../parse/classify.js';
import { objectField } from '../../normalize/fields.js';
import { principalAccount } from '../../normalize/identity.js';
import { conditionLimit } from './policy-conditions.js';

/** Who a key policy lets in, beyond the key's own account (and the trusted ones). */
export interface PolicyReach {
  /** An Allow statement names every principal (`*`, or NotPrincipal) and no condition bounds it to trusted accounts. */
  everyone: boolean;
  /** ...and that statement has no Condition at all. */
  everyoneUnconditioned: boolean;
  /** What the conditions of such statements limit them to, one per conditioned statement. */
  everyoneLimits: string[];
  /** Other accounts an Allow statement names, or a condition lets in. */
  accounts: string[];
  /** Sids of the statements that let outsiders in (log text: sanitize before display). */
  statements: string[];
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

function awsPrincipals(statement: JsonObject): string[] {
  const principal = statement.Principal ?? statement.principal;
  if (principal === '*') return ['*'];
  const block = isObject(principal) ? principal : null;
  return asList(block?.AWS ?? block?.aws).filter((value): value is string => typeof value === 'string');
}

/**
 * Reads the policy document of PutKeyPolicy / CreateKey; null when it is not a readable policy.
 * `trusted` are the key's own account and the allow-listed ones: a `"*"` whose condition lets in
 * only those is not open to everyone.
 */
export function policyReach(policy: unknown, trusted: readonly string[]): PolicyReach | null {
  const document = objectField(policy);
  if (!document) return null;
  const reach: PolicyReach = { everyone: false, everyoneUnconditioned: false, everyoneLimits: [], accounts: [], statements: [] };
  const addAccounts = (accounts: string[]) => {
    for (const account of accounts) if (!trusted.includes(account) && !reach.accounts.includes(account)) reach.accounts.push(account);
  };
  for (const statement of asList(document.Statement ?? document.statement).filter(isObject)) {
    if (String(statement.Effect ?? statement.effect) !== 'Allow') continue;
    const principals = awsPrincipals(statement);
    const named = principals.map(principalAccount).filter((account): account is string => account !== null && !trusted.includes(account));
    const limit = conditionLimit(statement.Condition ?? statement.condition);
    const everyone = principals.includes('*') || statement.NotPrincipal !== undefined;
    const bound = everyone ? limit?.accounts ?? null : null;
    const open = everyone && (bound === null || bound.some((account) => !trusted.includes(account)));
    if (!open && named.length === 0) continue;
    if (open && bound === null) {
      reach.everyone = true;
      if (limit) reach.everyoneLimits.push(limit.text);
      else reach.everyoneUnconditioned = true;
    }
    addAccounts([...named, ...(bound ?? [])]);
    reach.statements.push(typeof statement.Sid === 'string' ? statement.Sid : '(no Sid)');
  }
  return reach;
}
