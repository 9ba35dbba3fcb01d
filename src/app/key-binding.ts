import type { Mode, PaneId } from './state.js';

/**
 * One key binding: keys -> a command id, where it applies, what it does (the help
 * overlay is generated from these), and why it is disabled when it is. Key names:
 * a character (`j`, `G`, `/`), or `up down left right pageup pagedown home end
 * return escape tab shift+tab backspace delete space`, or `ctrl+x`.
 */
export interface KeyBinding {
  keys: readonly string[];
  command: string;
  description: string;
  /** A pane, or `global` for keys that work in every pane (a pane's own binding wins). */
  scope: PaneId | 'global';
  /** Which mode the binding belongs to; `normal` when absent. */
  mode?: Mode;
  /** Set for reserved keys whose feature is not there yet: pressing them shows this. */
  disabled?: string;
}

/** A pane's own key, as its definition lists it (the scope is the pane). */
export interface PaneKey {
  keys: readonly string[];
  command: string;
  description: string;
}

/** The keymap's names as the keyboard and the README write them: what help and messages show. */
const KEY_LABELS: Readonly<Record<string, string>> = {
  return: 'Enter', escape: 'Esc', pagedown: 'PgDn', pageup: 'PgUp', up: 'Up', down: 'Down', left: 'Left', right: 'Right',
  home: 'Home', end: 'End', tab: 'Tab', 'shift+tab': 'Shift+Tab', backspace: 'Backspace', delete: 'Del', space: 'Space',
};

/** A key name for people: `return` reads `Enter`, `ctrl+f` reads `Ctrl+F`; a character stays itself. */
export function keyLabel(name: string): string {
  if (name.startsWith('ctrl+')) return `Ctrl+${name.slice('ctrl+'.length).toUpperCase()}`;
  return KEY_LABELS[name] ?? name;
}

export const key = (keys: string[], command: string, description: string): PaneKey => ({ keys, command, description });
