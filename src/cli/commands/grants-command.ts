import { resolveKeyValues } from '../../core/query/key-terms.js';
import { grantsForKey, type GrantEventRef, type GrantLifecycle } from '../../core/correlate/grants.js';
import type { FacetValue } from '../../core/query/facets.js';
import { safeJson } from '../../core/text/safe-json.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { truncate } from '../../core/text/fit.js';
import type { Command, CommandIO, CommandOptions } from '../command.js';
import { shortPrincipal } from '../../core/text/short-names.js';
import { chooseReadingIndex, readingOptions } from '../index-location.js';
import { withIndex } from '../open-index.js';
import { DB_OPTION, JSON_OPTION, integerOption, requirePositional } from '../options.js';

function safe(value: string | null, width = 160): string {
  return truncate(sanitizeForTerminal(value ?? '-'), width);
}

function eventText(event: GrantEventRef): string {
  return `${event.eventTime ?? '(no time)'} by ${safe(shortPrincipal(event.principal))} (${safe(event.eventName)} ${safe(event.eventID ?? event.uid)})`;
}

const callers = (principals: FacetValue[]) => principals.map((facet) => `${safe(shortPrincipal(facet.value))} (${facet.count})`).join(', ');

function usageText(grant: GrantLifecycle): string {
  const calls = grant.granteeCalls;
  const own = calls && calls.count > 0
    ? `${calls.count}${calls.capped ? '+' : ''} call(s) by the grantee on this key: ${callers(calls.principals)}`
    : calls ? 'no call by the grantee on this key while the grant was open' : 'grantee not seen calling in the indexed logs';
  const unnamed = grant.unnamedCallers;
  if (!unnamed || unnamed.count === 0) return own;
  // The key owner's copy of a cross-account call names the caller only by account and id: maybe the grantee.
  return `${own}; ${unnamed.count}${unnamed.capped ? '+' : ''} call(s) on this key from account ${unnamed.account} by callers the logs `
    + `name only by id (the grantee's or not, the logs do not say): ${callers(unnamed.principals)}`;
}

function grantLines(grant: GrantLifecycle): string[] {
  const field = (name: string, value: string) => `  ${name.padEnd(12)}${value}`;
  const lines = [
    `${safe(grant.grantId ?? '(no grant id)', 80)}  ${grant.status.toUpperCase()}`,
    field('grantee', safe(grant.grantee)),
    field('operations', safe(grant.operations.join(', ') || '-')),
  ];
  if (grant.constraints.length > 0) lines.push(field('constraints', safe(grant.constraints.join('; '), 400)));
  if (grant.retiringPrincipal) lines.push(field('retiring', safe(grant.retiringPrincipal)));
  lines.push(field('created', `${eventText(grant.created)}${grant.created.onBehalf ? ', by an AWS service on their behalf' : ''}`));
  if (grant.ended) lines.push(field(grant.status, eventText(grant.ended)));
  lines.push(field('used', usageText(grant)));
  for (const event of grant.namedBy) lines.push(field('named by', eventText(event)));
  return lines;
}

async function run(positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const key = requirePositional(positionals, 0, 'KEY (alias, key id or key ARN)');
  return withIndex(chooseReadingIndex(readingOptions(options)), 'read', (db) => {
    // A mistyped key would read as a key with no grants: say it is not in the index, as chain does for an event.
    if (resolveKeyValues(db, [key]).ids.length === 0) {
      io.stderr(`keytrail grants: ${safe(key)} names no key, alias or key id in this index\n`);
      return 1;
    }
    const grants = grantsForKey(db, key, integerOption(options, 'limit', 500) || 100_000);
    if (options.json) {
      for (const grant of grants) io.stdout(`${safeJson(grant)}\n`);
      return 0;
    }
    const open = grants.filter((grant) => grant.status === 'open').length;
    io.stdout(`Grants of ${safe(key)}: ${grants.length} (${open} open), newest first\n`);
    for (const grant of grants) io.stdout(`\n${grantLines(grant).join('\n')}\n`);
    return 0;
  });
}

export const grantsCommand: Command = {
  name: 'grants',
  maxPositionals: 1,
  summary: 'list the grants of a key: grantee, operations, constraints, creator, retired/revoked or open, used by whom',
  usage: 'Usage: keytrail grants KEY [--db PATH | --dir DIR] [--json] [--limit N]\n\n'
    + 'KEY: alias/prod-data, a key id or a key ARN. --json prints one grant per line; --limit caps the grants listed (default 500).',
  options: { ...DB_OPTION, ...JSON_OPTION, dir: { type: 'string' }, limit: { type: 'string' } },
  readsIndex: () => true,
  run,
};
