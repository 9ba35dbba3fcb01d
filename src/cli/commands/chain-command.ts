import { chainFor } from '../../core/correlate/chain.js';
import { linkPhrases, memberRoles, rootLabel } from '../../core/correlate/describe.js';
import type { Chain, ChainEvent } from '../../core/correlate/types.js';
import { safeJson } from '../../core/text/safe-json.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { truncate } from '../../core/text/fit.js';
import type { Command, CommandIO, CommandOptions } from '../command.js';
import { shortPrincipal } from '../../core/text/short-names.js';
import { chooseReadingIndex, readingOptions } from '../index-location.js';
import { withIndex } from '../open-index.js';
import { DB_OPTION, JSON_OPTION, integerOption, requirePositional } from '../options.js';

const DAY = 24 * 60 * 60 * 1000;
const MAX_INDENT = 8;
const TIME_WIDTH = 21;

/** One member: time, indented name, caller and its roles; below it, why it is in the chain. */
function memberLines(chain: Chain, event: ChainEvent): string[] {
  const indent = '  '.repeat(Math.min(event.depth, MAX_INDENT));
  const roles = memberRoles(chain, event).map((role) => `[${role}]`).join(' ');
  const time = (event.eventTime ?? '(no time)').padEnd(TIME_WIDTH);
  const head = `${time}${indent}${safe(event.eventName ?? '(no name)', 48)}  ${safe(shortPrincipal(event.principal), 80)}${roles ? `  ${roles}` : ''}`;
  return [head, ...linkPhrases(event).map((phrase) => `${' '.repeat(TIME_WIDTH)}${indent}  ${safe(phrase, 200)}`)];
}

function safe(value: string, width: number): string {
  return truncate(sanitizeForTerminal(value), width);
}

export function formatChain(chain: Chain): string {
  const origin = chain.events.find((event) => event.uid === chain.origin.uid);
  const lines = [
    `Chain of ${safe(origin?.eventName ?? 'event', 48)} ${safe(chain.origin.uid, 80)}: ${chain.events.length} event(s)`,
    `Root: ${safe(rootLabel(chain, shortPrincipal) ?? 'unknown: the logs do not show it (see Missing)', 200)}`,
    '',
    ...chain.events.flatMap((event) => memberLines(chain, event)),
  ];
  if (chain.missing.length > 0) lines.push('', ...chain.missing.map((item) => `Missing: ${safe(item, 200)}`));
  if (chain.truncated) lines.push('', 'Truncated: some shared values had more events than the chain reads (--max-events, --window).');
  return `${lines.join('\n')}\n`;
}

/** `--json`: the chain as README documents it (root, events with links), plus origin, missing, truncated. */
function toJson(chain: Chain): unknown {
  return { ...chain, events: chain.events.map(({ seq: _seq, ...event }) => event), origin: { uid: chain.origin.uid, eventID: chain.origin.eventID } };
}

async function run(positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const id = requirePositional(positionals, 0, 'EVENT_ID (an eventID, or a uid as `query --json` prints it)');
  const windowDays = integerOption(options, 'window', 30);
  const maxEvents = integerOption(options, 'max-events', 200);
  return withIndex(chooseReadingIndex(readingOptions(options)), 'read', (db) => {
    const chain = chainFor(db, id, { windowMs: windowDays * DAY, maxEvents: Math.max(1, maxEvents) });
    if (!chain) {
      io.stderr(`keytrail chain: no event ${sanitizeForTerminal(id)} in the index\n`);
      return 1;
    }
    io.stdout(options.json ? `${safeJson(toJson(chain))}\n` : formatChain(chain));
    return 0;
  });
}

export const chainCommand: Command = {
  name: 'chain',
  maxPositionals: 1,
  summary: 'follow one event to the events that share its instance, volume, grant, request or session, and name its root',
  usage: 'Usage: keytrail chain EVENT_ID [--db PATH | --dir DIR] [--json] [--window DAYS] [--max-events N]\n\n'
    + 'Follows specific values only (instance, volume, grant, requestID, enclave, assumed-role session, temporary\n'
    + 'access key), never keys, principals or IPs. --window: days around the event to look (default 30);\n'
    + '--max-events: most members (default 200). --json prints one line: {root, events: [{eventID, eventTime, eventName,\n'
    + 'principal, link: {kind, value, reason}}], missing, truncated}.',
  options: { ...DB_OPTION, ...JSON_OPTION, dir: { type: 'string' }, window: { type: 'string' }, 'max-events': { type: 'string' } },
  readsIndex: () => true,
  run,
};
