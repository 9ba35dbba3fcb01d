import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/app/commands.js';
import { KEYMAP } from '../../src/app/keymap.js';
import { bindingsFor } from '../../src/app/help-lines.js';
import { resolveKey } from '../../src/app/resolve-key.js';

describe('the keymap', () => {
  it('binds every key to a command that exists, or says why it is disabled', () => {
    for (const binding of KEYMAP) {
      if (binding.disabled) expect(binding.disabled.length).toBeGreaterThan(10);
      else expect(COMMANDS[binding.command], binding.command).toBeTypeOf('function');
      expect(binding.description.length).toBeGreaterThan(3);
    }
  });

  it('never gives one key two meanings in the same pane and mode', () => {
    const seen = new Map<string, string>();
    for (const binding of KEYMAP) {
      for (const key of binding.keys) {
        const slot = `${binding.mode ?? 'normal'}/${binding.scope}/${key}`;
        expect(seen.get(slot), slot).toBeUndefined();
        seen.set(slot, binding.command);
      }
    }
  });

  it('lets a pane handle a key first and bubbles the rest up to the global binding', () => {
    expect(resolveKey(KEYMAP, 'facets', 'normal', 'l')?.command).toBe('facets.nextKind');
    expect(resolveKey(KEYMAP, 'histogram', 'normal', 'l')?.command).toBe('histogram.next');
    expect(resolveKey(KEYMAP, 'events', 'normal', 'l')).toBeNull();
    expect(resolveKey(KEYMAP, 'facets', 'normal', 'j')?.command).toBe('cursor.down');
  });

  it('gives the filter bar only its own keys, so letters are typed, not run', () => {
    expect(resolveKey(KEYMAP, 'events', 'filter', 'q')).toBeNull();
    expect(resolveKey(KEYMAP, 'events', 'filter', 'j')).toBeNull();
    expect(resolveKey(KEYMAP, 'events', 'filter', 'return')?.command).toBe('filter.apply');
  });

  it('keeps c, d, f, m and e for chains, detections and findings: a command once they exist, a reason until then', () => {
    for (const key of ['c', 'd', 'f', 'm', 'e']) {
      const binding = resolveKey(KEYMAP, 'events', 'normal', key);
      expect(binding, key).not.toBeNull();
      if (binding!.disabled) expect(binding!.disabled).toMatch(/issue \d/);
      else expect(COMMANDS[binding!.command], binding!.command).toBeTypeOf('function');
    }
  });

  it('lists a pane\'s own keys before the global ones in help', () => {
    const bindings = bindingsFor(KEYMAP, 'detail', 'normal');
    expect(bindings[0]?.scope).toBe('detail');
    expect(bindings.some((binding) => binding.command === 'app.quit')).toBe(true);
  });
});
