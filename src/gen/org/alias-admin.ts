import type { Rng } from '../rng.js';
import type { Json, OrgRecord } from './org-records.js';
import { kmsRecord } from './org-records.js';
import type { AliasSpan, OrgAlias, OrgKey } from './org-world.js';

const keyResource = (key: OrgKey): Json => ({ accountId: key.account, type: 'AWS::KMS::Key', ARN: key.arn });
const aliasResource = (alias: OrgAlias): Json => ({ accountId: alias.account, type: 'AWS::KMS::Key', ARN: alias.arn });

function adminRecord(rng: Rng, alias: OrgAlias, time: number, eventName: string, key: OrgKey, withTarget: boolean): OrgRecord {
  const requestParameters = withTarget ? { aliasName: alias.name, targetKeyId: key.id } : { aliasName: alias.name };
  const record = kmsRecord(rng, time, alias.account, alias.region, {
    eventName, readOnly: false, requestParameters, resources: [aliasResource(alias), keyResource(key)],
  });
  return { record, key: key.arn, aliasOnly: null, networkActivity: false };
}

/** The event that starts a span: CreateAlias after no alias, UpdateAlias after another key, DeleteAlias when it ends. */
function changeAt(rng: Rng, alias: OrgAlias, previous: AliasSpan, span: AliasSpan): OrgRecord | null {
  if (span.key && !previous.key) return adminRecord(rng, alias, span.from, 'CreateAlias', span.key, true);
  if (span.key && previous.key) return adminRecord(rng, alias, span.from, 'UpdateAlias', span.key, true);
  if (!span.key && previous.key) return adminRecord(rng, alias, span.from, 'DeleteAlias', previous.key, false);
  return null;
}

/** CreateAlias / UpdateAlias / DeleteAlias for every move in the alias's history (AWS-managed aliases have none). */
export function aliasAdminRecords(rng: Rng, alias: OrgAlias): OrgRecord[] {
  if (alias.managed) return [];
  return alias.history.slice(1).flatMap((span, index) => changeAt(rng, alias, alias.history[index]!, span) ?? []);
}
