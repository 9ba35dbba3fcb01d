import type { CommandTable } from './command-context.js';
import { filterCommands } from './commands/filter-commands.js';
import { navigationCommands } from './commands/navigation-commands.js';
import { PANE_DEFINITIONS } from './panes/pane-registry.js';

/**
 * Every command by id: the only place workbench state changes. Keys reach these
 * through the keymap; tests and a headless runner can call them by id directly.
 */
export const COMMANDS: CommandTable = {
  ...navigationCommands,
  ...filterCommands,
  ...Object.assign({}, ...PANE_DEFINITIONS.map((pane) => pane.controller.commands)) as CommandTable,
};
