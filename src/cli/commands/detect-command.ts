import { resolveDetectionConfig } from '../../core/detect/config-file.js';
import { DetectionConfigError } from '../../core/detect/config-parse.js';
import { runDetections, storedDetections, type DetectionRunReport } from '../../core/detect/engine.js';
import type { DetectionConfig } from '../../core/detect/config.js';
import { getHit, hitEventSeqs, listHits } from '../../core/detect/hits-read.js';
import { ruleToAthena } from '../../core/athena/rule-query.js';
import { RULE_IDS } from '../../core/detect/rule-ids.js';
import { isSeverity, SEVERITIES, type DetectionHit } from '../../core/detect/types.js';
import type { IndexDb } from '../../core/index/open.js';
import { formatTime } from '../../core/normalize/time.js';
import { loadEventRows } from '../../core/query/event-rows.js';
import { fitCell } from '../../core/text/fit.js';
import { safeJson } from '../../core/text/safe-json.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { asUsage, UsageError, type Command, type CommandIO, type CommandOptions } from '../command.js';
import { formatEventTable } from '../event-table.js';
import { chooseReadingIndex, readingOptions } from '../index-location.js';
import { IndexBusyError } from '../../indexer/writer-lock.js';
import { withIndex } from '../open-index.js';
import { CSV_OPTION, DB_OPTION, JSON_OPTION, oneOutputFormat, stringOption } from '../options.js';
import { formatTable, tableFormat, type TableColumn } from '../text-table.js';

const INDENT = ' '.repeat(10);

/** The --json line: the CLI contract's fields, in the contract's order, plus the hit's id. */
function hitJson(hit: DetectionHit): string {
  const { id, rule, severity, title, reason, first, last, principal, key, ip, eventIDs } = hit;
  return safeJson({ id, rule, severity, title, reason, first, last, principal, key, ip, eventIDs });
}

const CSV_COLUMNS: readonly TableColumn<DetectionHit>[] = [
  ...(['id', 'rule', 'severity', 'title', 'reason', 'first', 'last', 'principal', 'key', 'ip'] as const)
    .map((field) => ({ title: field, width: 0, value: (hit: DetectionHit) => hit[field] ?? '' })),
  { title: 'events', width: 0, value: (hit) => String(hit.eventCount ?? hit.eventIDs.length) },
];

function hitText(hit: DetectionHit): string {
  const head = `${fitCell(hit.severity.toUpperCase(), 9)} ${fitCell(hit.last, 20)} ${fitCell(hit.rule, 23)} ${sanitizeForTerminal(hit.title)}`;
  const about = [
    hit.principal ? `principal ${hit.principal}` : null,
    hit.key ? `key ${hit.key}` : null,
    hit.ip ? `ip ${hit.ip}` : null,
    `${hit.eventCount ?? hit.eventIDs.length} event(s) from ${hit.first}`,
    `id ${hit.id}`,
  ].filter((part): part is string => part !== null);
  return [head, `${INDENT}${sanitizeForTerminal(hit.reason)}`, `${INDENT}${sanitizeForTerminal(about.join(' · '))}`].join('\n');
}

function severityCounts(hits: DetectionHit[]): string {
  const counts = SEVERITIES.slice().reverse().map((severity) => [severity, hits.filter((hit) => hit.severity === severity).length] as const)
    .filter(([, count]) => count > 0).map(([severity, count]) => `${count} ${severity}`);
  return `${hits.length} hit(s)${counts.length > 0 ? `: ${counts.join(', ')}` : ''}.`;
}

function runSummary(report: DetectionRunReport, hits: DetectionHit[], configPath: string | null): string {
  const work = report.rulesRun.length === 0
    ? 'no new events since the last run'
    : `ran ${report.rulesRun.length} rule(s) over ${report.newEvents.toLocaleString('en-US')} ${report.fullRun ? '' : 'new '}event(s) in ${(report.millis / 1000).toFixed(2)} s`;
  const learning = report.learning ? `; learning window ${formatTime(report.learning.start)} .. ${formatTime(report.learning.end)}` : '';
  const config = `; config: ${configPath ? sanitizeForTerminal(configPath) : 'defaults'}`;
  return `${severityCounts(hits)} ${work}${learning}${config}\n`;
}

/** Why the rules were not run, and what the hits shown cover. */
function storedNote(db: IndexDb, config: DetectionConfig): string {
  const { judged, events, sameConfig, sameBuild } = storedDetections(db, config);
  const cover = `${judged.toLocaleString('en-US')} of its ${events.toLocaleString('en-US')} event(s)`;
  const judgedBy = [!sameConfig && 'under another detection config than this one', !sameBuild && 'by another keytrail version than this one'].filter(Boolean);
  const otherConfig = judged > 0 && judgedBy.length > 0 ? `, ${judgedBy.join(' and ')}` : '';
  // Whoever holds the lock: a workbench or `watch` runs the rules as it indexes, `index` does not.
  return `another keytrail is writing this index, so the rules were not run here: these are the hits stored so far, over ${cover}${otherConfig}.`;
}

function showHit(db: IndexDb, id: string, options: CommandOptions, io: CommandIO): number {
  const hit = getHit(db, id);
  if (!hit) throw new UsageError(`no hit "${id}" in this index (list them with \`keytrail detect\`)`);
  if (options.json) {
    io.stdout(`${hitJson(hit)}\n`);
    return 0;
  }
  const events = formatEventTable(loadEventRows(db, hitEventSeqs(db, id)), tableFormat(options, io));
  io.stdout(options.csv ? events : `${hitText(hit)}\n\n${events}`);
  return 0;
}

function severityOption(options: CommandOptions) {
  const value = stringOption(options, 'min-severity');
  if (value !== undefined && !isSeverity(value)) throw new UsageError(`--min-severity takes one of ${SEVERITIES.join(', ')}, not "${value}"`);
  return value;
}

function rulesOption(options: CommandOptions): string[] | undefined {
  const rules = options.rule;
  const list = Array.isArray(rules) ? rules : typeof rules === 'string' ? [rules] : undefined;
  const unknown = list?.find((rule) => !(RULE_IDS as readonly string[]).includes(rule));
  if (unknown) throw new UsageError(`unknown rule "${unknown}": use one of ${RULE_IDS.join(', ')}`);
  return list;
}

function loadConfig(options: CommandOptions) {
  try {
    return resolveDetectionConfig(stringOption(options, 'config'));
  } catch (error) {
    if (error instanceof DetectionConfigError) throw new UsageError(`invalid config: ${error.message}`);
    throw error;
  }
}

async function run(_positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const { config, path: configPath } = loadConfig(options);
  const athena = stringOption(options, 'athena');
  if (athena !== undefined) {
    if (!(RULE_IDS as readonly string[]).includes(athena)) throw new UsageError(`unknown rule "${athena}": use one of ${RULE_IDS.join(', ')}`);
    io.stdout(`${asUsage(() => ruleToAthena(athena, { table: stringOption(options, 'table'), config, paths: options.paths === true }))}\n`);
    return 0;
  }
  const minSeverity = severityOption(options);
  const rules = rulesOption(options);
  const format = oneOutputFormat(options, ['json', 'csv']);
  const answer = (db: IndexDb, report: DetectionRunReport | null): number => {
    const hitId = stringOption(options, 'hit');
    if (hitId !== undefined) return showHit(db, hitId, options, io);
    const hits = listHits(db, { minSeverity, rules, withEvents: format === 'json' });
    if (format === 'json') for (const hit of hits) io.stdout(`${hitJson(hit)}\n`);
    else if (format === 'csv') io.stdout(formatTable(CSV_COLUMNS, hits, 'csv'));
    else io.stdout(`${hits.map((hit) => `${hitText(hit)}\n`).join('')}${report ? runSummary(report, hits, configPath) : `${severityCounts(hits)}\n`}`);
    return 0;
  };
  const index = chooseReadingIndex(readingOptions(options));
  try {
    return await withIndex(index, 'write', (db) => answer(db, runDetections(db, config)));
  } catch (error) {
    if (!(error instanceof IndexBusyError)) throw error;
    // Another process writes the index: the hits stored so far are read instead (storedNote says what they cover).
    return withIndex(index, 'read', (db) => {
      io.stderr(`keytrail detect: ${storedNote(db, config)}\n`);
      return answer(db, null);
    });
  }
}

export const detectCommand: Command = {
  name: 'detect',
  maxPositionals: 0,
  summary: 'run the detections (incrementally) and list their hits, most severe first',
  usage: 'Usage: keytrail detect [--db PATH | --dir DIR] [--config FILE] [--json | --csv] [--min-severity LEVEL] [--rule ID]...\n'
    + '       keytrail detect --hit ID [--json | --csv]    one hit and the events behind it\n'
    + '       keytrail detect --athena RULE [--table NAME] [--paths]  the rule as Athena SQL over the CloudTrail table\n'
    + '                                                   (--paths: the S3 objects holding its hits\' records)\n\n'
    + 'Runs the detection rules over what was indexed since the last run, then lists every hit.\n'
    + `--json prints one object per line: {id, rule, severity, title, reason, first, last, principal, key, ip, eventIDs}.\n`
    + 'Config: --config FILE, else ./keytrail.config.json, else $XDG_CONFIG_HOME/keytrail/config.json (~/.config/keytrail/),\n'
    + `else the defaults (docs/DETECTIONS.md). LEVEL: ${SEVERITIES.join(', ')}.\n`
    + `Rules: ${RULE_IDS.join(', ')}.`,
  options: {
    ...DB_OPTION, ...JSON_OPTION, ...CSV_OPTION, dir: { type: 'string' }, config: { type: 'string' }, 'min-severity': { type: 'string' },
    rule: { type: 'string', multiple: true }, hit: { type: 'string' }, athena: { type: 'string' }, table: { type: 'string' }, paths: { type: 'boolean' },
  },
  readsIndex: (options) => options.athena === undefined,
  run,
};
