import type { Key } from 'ink';

/**
 * The keymap's name for what ink read: `j`, `G`, `ctrl+c`, `pagedown`, `shift+tab`.
 * Named keys first, so an arrow never reads as the letters of its escape sequence.
 */
export function keyName(input: string, key: Key): string {
  const named: Array<[boolean, string]> = [
    [key.upArrow, 'up'], [key.downArrow, 'down'], [key.leftArrow, 'left'], [key.rightArrow, 'right'],
    [key.pageUp, 'pageup'], [key.pageDown, 'pagedown'], [key.home, 'home'], [key.end, 'end'],
    [key.return, 'return'], [key.escape, 'escape'], [key.backspace, 'backspace'], [key.delete, 'delete'],
  ];
  for (const [pressed, name] of named) if (pressed) return name;
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

const CONTROL_NAMES: Record<string, string> = { '\r': 'return', '\n': 'return', '\t': 'tab', '\u007f': 'backspace', '\b': 'backspace', '\u001b': 'escape', ' ': 'space' };

/** One character of a burst by name: Enter, Tab and Backspace inside a paste or fast typing still act as keys. */
export function characterKeyName(character: string): string {
  const named = CONTROL_NAMES[character];
  if (named) return named;
  const code = character.charCodeAt(0);
  if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
  return character;
}

/** Whether ink handed us a run of characters (a paste, or keys typed faster than a read) rather than one key. */
export function isBurst(input: string, key: Key): boolean {
  return [...input].length > 1 && !key.ctrl && !key.meta && keyName(input, key) === input;
}
