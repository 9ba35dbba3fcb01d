import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command, CommandIO, CommandOptions } from '../command.js';
import { reportWorkbenchCrashes } from '../workbench-crash.js';

/** The sample-logs/ folder that ships with keytrail: beside dist/ in the package, at the top of a checkout. */
export function sampleLogsDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '..', 'sample-logs'), resolve(here, '..', '..', '..', 'sample-logs')];
  return candidates.find((dir) => existsSync(resolve(dir, 'README.md'))) ?? null;
}

async function run(_positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  const dir = sampleLogsDir();
  if (!dir) {
    io.stderr('keytrail sample: the sample logs are not installed with this copy of keytrail\n');
    return 1;
  }
  if (options.path) {
    io.stdout(`${dir}\n`);
    return 0;
  }
  // The logs are only read: the index goes to the state folder, as for any folder.
  reportWorkbenchCrashes([dir]);
  const { openWorkbench } = await import('../../ui/open-workbench.js');
  return openWorkbench([dir], io);
}

export const sampleCommand: Command = {
  name: 'sample',
  maxPositionals: 0,
  summary: 'open the workbench on the sample logs that ship with keytrail (a planted incident to investigate)',
  usage: 'Usage: keytrail sample [--path]\n\n'
    + 'Opens the workbench on the shipped sample-logs/ folder (its README.md tells the story). The logs are only read;\n'
    + 'the index goes to the state folder like any other. --path prints the folder instead, for the headless commands:\n'
    + '  keytrail index "$(keytrail sample --path)"',
  options: { path: { type: 'boolean' } },
  run,
};
