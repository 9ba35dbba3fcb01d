import type { KeyBinding } from './key-binding.js';
import type { Mode, PaneId } from './state.js';

/**
 * The binding a key has in a pane and mode. In normal mode the pane's own binding
 * wins and a key it does not handle bubbles up to the global one (k9s); overlays and
 * the filter bar have only their own keys.
 */
export function resolveKey(keymap: readonly KeyBinding[], pane: PaneId, mode: Mode, key: string): KeyBinding | null {
  let global: KeyBinding | null = null;
  for (const binding of keymap) {
    if ((binding.mode ?? 'normal') !== mode || !binding.keys.includes(key)) continue;
    if (binding.scope === pane) return binding;
    if (binding.scope === 'global' && global === null) global = binding;
  }
  return global;
}
