import { wrapText } from './data/wrap-text.js';
import { keyLabel, type KeyBinding } from './key-binding.js';
import type { Mode, PaneId } from './state.js';

/** One line of the help overlay. */
export interface HelpLine {
  text: string;
  heading: boolean;
  disabled: boolean;
}

const KEY_COLUMNS = 18;
const SECTIONS: Array<[Mode, string]> = [['normal', 'Keys'], ['filter', 'Filter bar (/)'], ['note', 'Note prompt (m, i, e)'], ['value', 'Values (v)']];

/** Bindings of one mode that work in `pane`: its own first, then the global ones it does not shadow. */
export function bindingsFor(keymap: readonly KeyBinding[], pane: PaneId, mode: Mode): KeyBinding[] {
  const inMode = keymap.filter((binding) => (binding.mode ?? 'normal') === mode);
  const own = inMode.filter((binding) => binding.scope === pane);
  const taken = new Set(own.flatMap((binding) => binding.keys));
  const global = inMode.filter((binding) => binding.scope === 'global')
    .map((binding) => ({ ...binding, keys: binding.keys.filter((each) => !taken.has(each)) }))
    .filter((binding) => binding.keys.length > 0);
  return [...own, ...global];
}

/** A binding as help lines: its keys in a column, what it does wrapped beside them. */
function bindingLines(binding: KeyBinding, width: number): HelpLine[] {
  const keys = binding.keys.map(keyLabel).join(' ');
  const off = binding.disabled ? ` (off: ${binding.disabled})` : '';
  const room = Math.max(20, width - KEY_COLUMNS - 1);
  const words = wrapText(`${binding.description}${off}`, room);
  const head = keys.length <= KEY_COLUMNS ? [] : [keys];
  const first = keys.length <= KEY_COLUMNS ? keys.padEnd(KEY_COLUMNS) : ''.padEnd(KEY_COLUMNS);
  return [...head, ...words.map((text, index) => `${index === 0 ? first : ''.padEnd(KEY_COLUMNS)} ${text}`)]
    .map((text) => ({ text, heading: false, disabled: Boolean(binding.disabled) }));
}

/** The help, generated from the keymap: every key that works in the focused pane, wrapped to `width` columns. */
export function helpLines(keymap: readonly KeyBinding[], pane: PaneId, width: number): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const [mode, title] of SECTIONS) {
    lines.push({ text: mode === 'normal' ? `${title} in the ${pane} pane (its own first)` : title, heading: true, disabled: false });
    for (const binding of bindingsFor(keymap, pane, mode)) lines.push(...bindingLines(binding, width));
  }
  return lines;
}
