import type { KeyBinding, PaneKey } from './key-binding.js';
import { PANE_DEFINITIONS } from './panes/pane-registry.js';
import type { Mode, PaneId } from './state.js';

const normal = (keys: string[], command: string, description: string): KeyBinding => ({ keys, command, description, scope: 'global' });
const inMode = (mode: Mode, keys: string[], command: string, description: string): KeyBinding => ({ keys, command, description, scope: 'global', mode });

/** Keys that work the same in every pane, after less, vim and k9s. */
const GLOBAL_KEYS: readonly KeyBinding[] = [
  normal(['j', 'down'], 'cursor.down', 'move down one row'),
  normal(['k', 'up'], 'cursor.up', 'move up one row'),
  normal(['pagedown', 'ctrl+f', 'space'], 'cursor.pageDown', 'page down'),
  normal(['pageup', 'ctrl+b'], 'cursor.pageUp', 'page up'),
  normal(['g', 'home'], 'cursor.top', 'go to the first row (oldest event)'),
  normal(['G', 'end'], 'cursor.bottom', 'go to the last row (newest event; turns follow on)'),
  normal(['return'], 'item.open', 'open the selected row, or pivot on the selected value'),
  normal(['escape'], 'nav.back', 'back: undo the last pane change or filter step, the cursor where it was'),
  normal(['tab'], 'pane.next', 'next pane'),
  normal(['shift+tab'], 'pane.previous', 'previous pane'),
  normal(['/'], 'filter.open', 'edit the filter (syntax: keytrail help filters)'),
  normal(['x'], 'toggle.errorsOnly', 'errors only on/off'),
  normal(['a'], 'toggle.hideService', 'hide AWS-internal service calls on/off'),
  normal(['F'], 'follow.toggle', 'follow new events on/off'),
  normal(['v'], 'value.show', 'the selected row\'s values in full, wrapped (y there copies one)'),
  normal(['y'], 'value.copy', 'copy the selected row\'s first value to the clipboard (OSC 52)'),
  normal(['o'], 'raw.page', 'open the selected event\'s raw record in $PAGER (less)'),
  normal(['R'], 'rejected.show', 'list rejected records and unreadable files, reasons in full'),
  normal(['?'], 'help.show', 'this help'),
  normal(['q', 'ctrl+c'], 'app.quit', 'quit (a note being typed is never lost: q types there)'),
];

/** Keys of the overlays, the filter bar and the note prompt: only these work there (letters are typed). */
const MODE_KEYS: readonly KeyBinding[] = [
  inMode('filter', ['return'], 'filter.apply', 'apply the filter'),
  inMode('filter', ['escape', 'ctrl+c'], 'filter.cancel', 'cancel editing'),
  inMode('filter', ['up'], 'filter.historyPrevious', 'previous filter from history'),
  inMode('filter', ['down'], 'filter.historyNext', 'next filter from history'),
  inMode('filter', ['tab'], 'filter.complete', 'complete a field name or a known value (again: next candidate)'),
  inMode('filter', ['left'], 'filter.cursorLeft', 'cursor left'),
  inMode('filter', ['right'], 'filter.cursorRight', 'cursor right'),
  inMode('filter', ['home', 'ctrl+a'], 'filter.cursorStart', 'cursor to the start'),
  inMode('filter', ['end', 'ctrl+e'], 'filter.cursorEnd', 'cursor to the end'),
  inMode('filter', ['backspace', 'delete', 'ctrl+h'], 'filter.deleteBack', 'delete the character before the cursor'),
  inMode('filter', ['ctrl+w'], 'filter.deleteWord', 'delete the word before the cursor'),
  inMode('filter', ['ctrl+u'], 'filter.clear', 'clear the filter text'),
  inMode('help', ['escape', '?', 'q'], 'overlay.close', 'close the help'),
  inMode('help', ['j', 'down'], 'overlay.down', 'scroll down'),
  inMode('help', ['k', 'up'], 'overlay.up', 'scroll up'),
  inMode('help', ['pagedown', 'ctrl+f', 'space'], 'overlay.pageDown', 'page down'),
  inMode('help', ['pageup', 'ctrl+b'], 'overlay.pageUp', 'page up'),
  inMode('rejected', ['escape', 'R', 'q'], 'overlay.close', 'close the list'),
  inMode('rejected', ['j', 'down'], 'overlay.down', 'scroll down'),
  inMode('rejected', ['k', 'up'], 'overlay.up', 'scroll up'),
  inMode('value', ['escape', 'v', 'q'], 'overlay.close', 'close the values'),
  inMode('value', ['j', 'down'], 'overlay.down', 'next value'),
  inMode('value', ['k', 'up'], 'overlay.up', 'previous value'),
  inMode('value', ['y'], 'value.copySelected', 'copy the selected value to the clipboard (OSC 52)'),
  inMode('note', ['return'], 'note.submit', 'save (a note; the note\'s title, then its path)'),
  inMode('note', ['escape', 'ctrl+c'], 'note.cancel', 'cancel (typed text: asks first)'),
  inMode('note', ['backspace', 'delete', 'ctrl+h'], 'note.deleteBack', 'delete the last character'),
  inMode('note', ['ctrl+w'], 'note.deleteWord', 'delete the last word'),
  inMode('note', ['ctrl+u'], 'note.clear', 'clear the text'),
];

const scoped = (scope: PaneId | 'global', keys: readonly PaneKey[]): KeyBinding[] => keys.map((each) => ({ ...each, scope }));

/** A number key per pane, in tab order, then the keys each pane brings (global ones and its own). */
const PANE_KEYS: readonly KeyBinding[] = [
  ...PANE_DEFINITIONS.map((pane, index) => normal([String(index + 1)], `pane.${pane.id}`, `go to the ${pane.title.toLowerCase()} pane`)),
  ...PANE_DEFINITIONS.flatMap((pane) => scoped('global', pane.globalKeys ?? [])),
  ...PANE_DEFINITIONS.flatMap((pane) => scoped(pane.id, pane.keys)),
];

/** Every key of the workbench; help is generated from this list. */
export const KEYMAP: readonly KeyBinding[] = [...GLOBAL_KEYS, ...PANE_KEYS, ...MODE_KEYS];
