import { isObject, type JsonObject } from '../../parse/classify.js';
import { objectField } from '../../normalize/fields.js';
import { principalAccount } from '../names.js';

/** Who a key policy lets in, beyond the key's own account. */
export interface PolicyReach {
  /** An Allow statement names every principal (`*`, or NotPrincipal). */
  everyone: boolean;
  /** ...and that statement has no Condition to narrow it. */
  everyoneUnconditioned: boolean;
  /** Other accounts an Allow statement names. */
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

/** Reads the policy document of PutKeyPolicy / CreateKey; null when it is not a readable policy. */
export function policyReach(policy: unknown, keyAccount: string | null): PolicyReach | null {
  const document = objectField(policy);
  if (!document) return null;
  const reach: PolicyReach = { everyone: false, everyoneUnconditioned: false, accounts: [], statements: [] };
  for (const statement of asList(document.Statement ?? document.statement).filter(isObject)) {
    if (String(statement.Effect ?? statement.effect) !== 'Allow') continue;
    const principals = awsPrincipals(statement);
    const everyone = principals.includes('*') || statement.NotPrincipal !== undefined;
    const outside = principals.map(principalAccount).filter((account): account is string => account !== null && account !== keyAccount);
    if (!everyone && outside.length === 0) continue;
    if (everyone) {
      reach.everyone = true;
      if (statement.Condition === undefined) reach.everyoneUnconditioned = true;
    }
    for (const account of outside) if (!reach.accounts.includes(account)) reach.accounts.push(account);
    reach.statements.push(typeof statement.Sid === 'string' ? statement.Sid : '(no Sid)');
  }
  return reach;
}
