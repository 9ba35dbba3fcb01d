import type { JsonObject } from '../parse/classify.js';
import { bool, objectField, text } from './fields.js';
import type { Actor } from './types.js';

export interface Identity {
  principal: string | null;
  role: string | null;
  principalType: string | null;
  accessKey: string | null;
  invokedBy: string | null;
  account: string | null;
  actor: Actor;
}

const SERVICE_PRINCIPAL = /(^|:)aws:ec2-infrastructure(\/|:|$)|assumed-role\/aws:ec2-infrastructure\//;

function principalOf(identity: JsonObject | null): string | null {
  if (!identity) return null;
  const arn = text(identity.arn);
  if (arn) return arn;
  const type = text(identity.type);
  if (type === 'AWSService') return text(identity.invokedBy);
  const principalId = text(identity.principalId);
  if (type === 'AWSAccount' && principalId) return `${text(identity.accountId) ?? '?'}:${principalId}`;
  return principalId;
}

function actorOf(event: JsonObject, identity: JsonObject | null, principal: string | null, role: string | null, userAgent: string | null): Actor {
  const type = text(identity?.type);
  if (type === 'AWSService' || text(identity?.invokedBy)) return 'service';
  if (principal && SERVICE_PRINCIPAL.test(principal)) return 'service';
  // The identity type wins over the user agent: docs show humans' calls with "AWS Internal".
  if (type === 'IAMUser' || type === 'Root' || type === 'SAMLUser' || type === 'WebIdentityUser' || type === 'IdentityCenterUser') {
    return 'human';
  }
  if (role && /\/AWSReservedSSO_/.test(role)) return 'human';
  // A field of the record, not of userIdentity (AWS's record contents; Athena's top-level column).
  if (bool(event.sessionCredentialFromConsole) === true) return 'human';
  if (userAgent === 'AWS Internal' || (userAgent && /^[a-z0-9-]+\.amazonaws\.com$/.test(userAgent))) return 'service';
  if (type === 'AssumedRole' || type === 'AWSAccount' || type === 'FederatedUser') return 'workload';
  return 'unknown';
}

const PRINCIPAL_ACCOUNT = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/;
const ACCOUNT_PREFIX = /^(\d{12})(?::|$)/;

/** The account of a principal (as `principalOf` names it): from its ARN, or the `account:principalId` form AWSAccount callers take. */
export function principalAccount(principal: string | null): string | null {
  if (!principal) return null;
  return PRINCIPAL_ACCOUNT.exec(principal)?.[1] ?? ACCOUNT_PREFIX.exec(principal)?.[1] ?? null;
}

/**
 * The role behind a session: its issuer when that is a role. A federated user's session is issued by
 * the IAM user (or root) that called GetFederationToken: no role. Records without the issuer's type
 * are judged by its ARN.
 */
function roleOf(issuer: JsonObject | null): string | null {
  const arn = text(issuer?.arn);
  const type = text(issuer?.type);
  if (!arn) return null;
  return type === 'Role' || (type === null && /^arn:aws[a-z-]*:iam::\d*:role\//.test(arn)) ? arn : null;
}

/** Who made the call: the userIdentity block, with the role behind an assumed-role session. */
export function readIdentity(event: JsonObject, userAgent: string | null): Identity {
  const identity = objectField(event.userIdentity);
  const sessionContext = objectField(identity?.sessionContext);
  const issuer = objectField(sessionContext?.sessionIssuer);
  const principal = principalOf(identity);
  const role = roleOf(issuer);
  return {
    principal,
    role,
    principalType: text(identity?.type),
    accessKey: text(identity?.accessKeyId),
    invokedBy: text(identity?.invokedBy),
    account: text(identity?.accountId),
    actor: actorOf(event, identity, principal, role, userAgent),
  };
}
