import type { Mode, PaneId } from './state.js';

/**
 * One key binding: keys -> a command id, where it applies, what it does (the help
 * overlay is generated from these), and why it is disabled when it is. Key names:
 * a character (`j`, `G`, `/`), or `up down left right pageup pagedown home end
 * return escape tab shift+tab backspace delete`, or `ctrl+x`.
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

const normal = (scope: PaneId | 'global', keys: string[], command: string, description: string): KeyBinding => ({ keys, command, description, scope });
const inMode = (mode: Mode, keys: string[], command: string, description: string): KeyBinding => ({ keys, command, description, scope: 'global', mode });
const reserved = (keys: string[], command: string, description: string, disabled: string): KeyBinding => ({ keys, command, description, scope: 'global', disabled });

/** The workbench's keys, after less, vim and k9s. */
export const KEYMAP: readonly KeyBinding[] = [
  normal('global', ['j', 'down'], 'cursor.down', 'move down one row'),
  normal('global', ['k', 'up'], 'cursor.up', 'move up one row'),
  normal('global', ['pagedown', 'ctrl+f', 'space'], 'cursor.pageDown', 'page down'),
  normal('global', ['pageup', 'ctrl+b'], 'cursor.pageUp', 'page up'),
  normal('global', ['g', 'home'], 'cursor.top', 'go to the first row (oldest event)'),
  normal('global', ['G', 'end'], 'cursor.bottom', 'go to the last row (newest event; turns follow on)'),
  normal('global', ['return'], 'item.open', 'open the selected event, or pivot on the selected value'),
  normal('global', ['escape'], 'nav.back', 'back: close the pane, then walk the filter breadcrumb back'),
  normal('global', ['tab'], 'pane.next', 'next pane'),
  normal('global', ['shift+tab'], 'pane.previous', 'previous pane'),
  normal('global', ['1'], 'pane.events', 'go to the events pane'),
  normal('global', ['2'], 'pane.facets', 'go to the facets pane'),
  normal('global', ['3'], 'pane.detail', 'go to the detail pane'),
  normal('global', ['4'], 'pane.histogram', 'go to the time histogram'),
  normal('global', ['/'], 'filter.open', 'edit the filter (syntax: keytrail help filters)'),
  normal('global', ['x'], 'toggle.errorsOnly', 'errors only on/off'),
  normal('global', ['a'], 'toggle.hideService', 'hide AWS-internal service calls on/off'),
  normal('global', ['F'], 'follow.toggle', 'follow new events on/off'),
  normal('global', ['R'], 'rejected.show', 'list rejected records (file, line, reason)'),
  normal('global', ['?'], 'help.show', 'this help'),
  normal('global', ['q', 'ctrl+c'], 'app.quit', 'quit'),
  normal('facets', ['l', 'right'], 'facets.nextKind', 'next facet (keys, principals, instances, ...)'),
  normal('facets', ['h', 'left'], 'facets.previousKind', 'previous facet'),
  normal('detail', ['n'], 'detail.nextEntity', 'next pivotable value'),
  normal('detail', ['N'], 'detail.previousEntity', 'previous pivotable value'),
  normal('detail', ['l', 'right'], 'detail.scrollRight', 'scroll long lines right'),
  normal('detail', ['h', 'left'], 'detail.scrollLeft', 'scroll long lines left'),
  normal('histogram', ['l', 'right'], 'histogram.next', 'next time bucket'),
  normal('histogram', ['h', 'left'], 'histogram.previous', 'previous time bucket'),
  normal('global', ['c', '7'], 'chain.open', 'chain of the selected event: who or what is behind it (Enter opens a member)'),
  normal('chain', ['p'], 'chain.pivot', 'show the events sharing the selected member\'s link value'),
  normal('global', ['d', '5'], 'detections.open', 'detection hits, most severe first (Enter: show the hit\'s events)'),
  normal('global', ['f', '6'], 'findings.open', 'findings, in the order the incident note lists them'),
  normal('global', ['m'], 'finding.mark', 'mark the selection (event, chain, detection hit; else the filter) as a finding, with a note'),
  normal('global', ['M'], 'finding.markFilter', 'mark the current filter as a whole as a finding, with a note'),
  normal('global', ['e'], 'findings.export', 'export the incident note (markdown, owner-only, never over a file)'),
  normal('findings', ['i'], 'finding.editNote', 'edit the selected finding\'s note'),
  normal('findings', ['J'], 'finding.moveDown', 'move the selected finding down in the note'),
  normal('findings', ['K'], 'finding.moveUp', 'move the selected finding up in the note'),
  normal('findings', ['D', 'delete'], 'finding.remove', 'remove the selected finding (press twice)'),
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
  inMode('rejected', ['escape', 'R', 'q'], 'overlay.close', 'close the list'),
  inMode('rejected', ['j', 'down'], 'overlay.down', 'scroll down'),
  inMode('rejected', ['k', 'up'], 'overlay.up', 'scroll up'),
  inMode('note', ['return'], 'note.submit', 'save the finding with this note'),
  inMode('note', ['escape', 'ctrl+c'], 'note.cancel', 'cancel: nothing is marked'),
  inMode('note', ['backspace', 'delete', 'ctrl+h'], 'note.deleteBack', 'delete the last character'),
  inMode('note', ['ctrl+w'], 'note.deleteWord', 'delete the last word'),
  inMode('note', ['ctrl+u'], 'note.clear', 'clear the note'),
];
