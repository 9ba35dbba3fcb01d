/** One scripted key: the bytes a terminal sends, and the kind of action it is for the report. */
export interface Keystroke {
  bytes: string;
  kind: KeystrokeKind;
}

export type KeystrokeKind = 'move' | 'page' | 'jump' | 'type' | 'apply filter' | 'pane';

const KEY_BYTES = { pageDown: '\u001b[6~', pageUp: '\u001b[5~', return: '\r', clearLine: '\u0015' } as const;

const repeat = (count: number, bytes: string, kind: KeystrokeKind): Keystroke[] => Array.from({ length: count }, () => ({ bytes, kind }));

/** `/`, clear the bar, type the filter a key at a time, Enter; then look around the result. */
function applyFilter(text: string): Keystroke[] {
  return [
    { bytes: '/', kind: 'pane' },
    { bytes: KEY_BYTES.clearLine, kind: 'type' },
    ...[...text].map((character): Keystroke => ({ bytes: character, kind: 'type' })),
    { bytes: KEY_BYTES.return, kind: 'apply filter' },
    // The list opens on the newest match: look back through it, then at its start.
    ...repeat(5, 'k', 'move'),
    ...repeat(2, KEY_BYTES.pageUp, 'page'),
    { bytes: 'g', kind: 'jump' },
    ...repeat(3, 'j', 'move'),
  ];
}

/**
 * A responder's session on the big index: scroll and page through everything, jump
 * to both ends, type and apply filters on each kind, switch facets, open an event.
 */
export function keystrokeScript(filters: readonly string[]): Keystroke[] {
  return [
    ...repeat(20, 'k', 'move'),
    ...repeat(10, KEY_BYTES.pageUp, 'page'),
    ...repeat(5, KEY_BYTES.pageDown, 'page'),
    { bytes: 'g', kind: 'jump' },
    ...repeat(10, 'j', 'move'),
    ...repeat(3, KEY_BYTES.pageDown, 'page'),
    { bytes: 'G', kind: 'jump' },
    ...filters.flatMap(applyFilter),
    { bytes: '2', kind: 'pane' },
    ...repeat(4, 'l', 'pane'),
    ...repeat(3, 'j', 'move'),
    { bytes: '1', kind: 'pane' },
    { bytes: KEY_BYTES.return, kind: 'pane' },
    { bytes: '1', kind: 'pane' },
  ];
}
