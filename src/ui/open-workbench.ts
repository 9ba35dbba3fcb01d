import type { CommandIO } from '../cli/command.js';
import { UsageError } from '../cli/command.js';
import { drawEveryFrame } from './ink-environment.js';
import { WORKBENCH_USAGE, workbenchTarget, type WorkbenchTarget } from './workbench-target.js';

/** Without a terminal to draw on there is no workbench: say what works instead of crashing. */
export const HEADLESS_HINT = [
  'keytrail: the workbench needs an interactive terminal (stdin and stdout must be a TTY).',
  'Without one, use the headless commands:',
  '  keytrail index DIR                       index a folder of CloudTrail logs once',
  '  keytrail query [FILTER] --dir DIR        list matching events, newest first (--json: one object per line)',
  '  keytrail facets KIND [FILTER] --dir DIR  count keys, principals, instances, IPs, event names, errors',
  '  keytrail help filters                    the filter syntax',
  '  keytrail --help                          every command',
].join('\n');

function readTarget(argv: string[], io: CommandIO): WorkbenchTarget | number {
  try {
    const target = workbenchTarget(argv);
    if (target !== 'help') return target;
    io.stdout(`${WORKBENCH_USAGE}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError) && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') !== true) throw error;
    io.stderr(`keytrail: ${(error as Error).message}\n\n${WORKBENCH_USAGE}\n`);
    return 2;
  }
}

/**
 * `keytrail [DIR] [--db PATH]`: checks the arguments and the terminal, then loads
 * the UI (ink is the slow import, so nothing else waits on it).
 */
export async function openWorkbench(argv: string[], io: CommandIO): Promise<number> {
  const target = readTarget(argv, io);
  if (typeof target === 'number') return target;
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    io.stderr(`${HEADLESS_HINT}\n`);
    return 2;
  }
  // React's development build costs several times more per frame; a responder's terminal is production.
  process.env.NODE_ENV ??= 'production';
  drawEveryFrame();
  const { runWorkbench } = await import('./run-workbench.js');
  return runWorkbench(target);
}
