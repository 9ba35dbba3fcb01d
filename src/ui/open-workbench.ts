import type { CommandIO } from '../cli/command.js';

/** Placeholder until the workbench lands (issue 4): points at the headless commands. */
export async function openWorkbench(_argv: string[], io: CommandIO): Promise<number> {
  io.stderr('keytrail: the workbench is not built yet; use `keytrail index DIR` and `keytrail query FILTER`.\n');
  return 2;
}
