#!/usr/bin/env node
import { COMMANDS } from './cli/commands.js';
import { helpText, runCommand, VERSION } from './cli/run.js';
import type { CommandIO } from './cli/command.js';
import { filterHelp } from './cli/filter-help.js';

/** The composition root: picks a headless command, or opens the workbench. */
async function main(argv: string[]): Promise<number> {
  const io: CommandIO = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };
  const [first, ...rest] = argv;
  if (first === 'help' && rest[0] === 'filters') {
    io.stdout(`${filterHelp()}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(`${helpText(COMMANDS)}\n`);
    return 0;
  }
  if (first === '--version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === first);
  if (command) return runCommand(command, rest, io);
  const { openWorkbench } = await import('./ui/open-workbench.js');
  return openWorkbench(argv, io);
}

// `keytrail query ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`keytrail: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
