import type { Command } from './command.js';
import { athenaCommand } from './commands/athena-command.js';
import { chainCommand } from './commands/chain-command.js';
import { detectCommand } from './commands/detect-command.js';
import { exportCommand } from './commands/export-command.js';
import { facetsCommand } from './commands/facets-command.js';
import { findingCommand } from './commands/finding-command.js';
import { grantsCommand } from './commands/grants-command.js';
import { indexCommand } from './commands/index-command.js';
import { queryCommand } from './commands/query-command.js';
import { sampleCommand } from './commands/sample-command.js';
import { validateCommand } from './commands/validate.js';
import { watchCommand } from './commands/watch-command.js';

/** Every headless command, in the order `keytrail --help` lists them. */
export const COMMANDS: readonly Command[] = [
  indexCommand,
  watchCommand,
  queryCommand,
  facetsCommand,
  chainCommand,
  grantsCommand,
  detectCommand,
  validateCommand,
  findingCommand,
  // Export reads an index: one chosen implicitly is named on stderr, as for the other reading commands.
  { readsIndex: () => true, ...exportCommand },
  athenaCommand,
  sampleCommand,
];
