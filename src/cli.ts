#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { COMMANDS } from './cli/commands.js';
import { sanitizeForTerminal, sanitizeLines } from './core/text/sanitize.js';
import { UsageError, type CommandIO } from './cli/command.js';
import { EXIT } from './cli/exit-codes.js';
import { filterHelp } from './cli/filter-help.js';
import { nearestName } from './core/text/nearest-name.js';
import { parseCommandArgs } from './cli/parse-command-args.js';
import { helpText, runCommand } from './cli/run.js';
import { VERSION } from './cli/version.js';
import { holdHeapsNearLiveSize } from './indexer/heap-growth.js';
import { reportWorkbenchCrashes } from './cli/workbench-crash.js';

const HELP_TOPICS = [...COMMANDS.map((command) => command.name), 'filters'];

/** `keytrail help [TOPIC]`: the global help, the filter syntax, or one command's usage. */
function help(topic: string | undefined, io: CommandIO): number {
  if (topic === undefined) return (io.stdout(`${helpText(COMMANDS)}\n`), EXIT.done);
  if (topic === 'filters') return (io.stdout(`${filterHelp()}\n`), EXIT.done);
  const command = COMMANDS.find((candidate) => candidate.name === topic);
  if (command) return (io.stdout(`${command.usage}\n`), EXIT.done);
  const near = nearestName(topic, HELP_TOPICS);
  io.stderr(`keytrail help: no help on '${sanitizeForTerminal(topic)}'${near ? `; did you mean '${near}'?` : '.'} Topics: ${HELP_TOPICS.join(', ')}\n`);
  return EXIT.usage;
}

/**
 * A first word that names no command and no existing file is a mistyped command, not a
 * folder to wait for: only a path written with a slash (./logs, /mnt/trail) opens the
 * workbench on a folder that does not exist yet.
 */
function isMistypedCommand(word: string): boolean {
  return !word.startsWith('-') && !word.includes('/') && !existsSync(word);
}

function unknownCommand(word: string, io: CommandIO): number {
  const near = nearestName(word, [...COMMANDS.map((command) => command.name), 'help']);
  const typed = sanitizeForTerminal(word);
  io.stderr(`keytrail: unknown command '${typed}'${near ? `; did you mean '${near}'?` : ''}\n`
    + `Run \`keytrail --help\` for the commands. To open the workbench on a folder that does not exist yet, write ./${typed}\n`);
  return EXIT.usage;
}

/** `keytrail [DIR] [--db PATH]`: an unknown option is named with the nearest one, as for the commands. */
function workbenchArgsMistake(argv: string[]): string | null {
  try {
    // --version is answered before this: listed so that a typo of it is named.
    parseCommandArgs(argv, { db: { type: 'string' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } });
    return null;
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
}

/** The composition root: picks a headless command, or opens the workbench. */
async function main(argv: string[]): Promise<number> {
  holdHeapsNearLiveSize();
  const io: CommandIO = {
    stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), stdoutIsTTY: process.stdout.isTTY === true,
  };
  const [first, ...rest] = argv;
  if (first === 'help' || first === '--help' || first === '-h') return help(rest[0], io);
  if (first === '--version' || first === '-v' || first === '-V') return (io.stdout(`${VERSION}\n`), EXIT.done);
  const command = COMMANDS.find((candidate) => candidate.name === first);
  if (command) return runCommand(command, rest, io);
  if (first !== undefined && isMistypedCommand(first)) return unknownCommand(first, io);
  const mistake = workbenchArgsMistake(argv);
  if (mistake) return (io.stderr(`keytrail: ${sanitizeLines(mistake)}\nRun \`keytrail --help\` for the commands.\n`), EXIT.usage);
  reportWorkbenchCrashes(argv);
  const { openWorkbench } = await import('./ui/open-workbench.js');
  return openWorkbench(argv, io);
}

// `keytrail query ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.done);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`keytrail: internal error (a bug in keytrail; please report it with what follows)\n${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = EXIT.internalError;
  },
);
