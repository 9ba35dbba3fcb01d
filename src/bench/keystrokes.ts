/** One scripted key: the bytes a terminal sends, and the kind of action it is for the report. */
export interface Keystroke {
  bytes: string;
  kind: KeystrokeKind;
}

export type KeystrokeKind = 'move' | 'page' | 'jump' | 'type' | 'apply filter' | 'pane';

const KEY_BYTES = { pageDown: '\u001b[6~', pageUp: '\u001b[5~', return: '\r', clearLine: '\u0015' } as const;

type Repeat = (count: number, bytes: string, kind: KeystrokeKind) => Keystroke[];

/** `/`, clear the bar, type the filter a key at a time, Enter; then look around the result. */
function applyFilter(text: string, repeat: Repeat): Keystroke[] {
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
 * `repeats` scales the runs of repeated keys (a quick run presses each at least once).
 */
export function keystrokeScript(filters: readonly string[], repeats = 1): Keystroke[] {
  const repeat: Repeat = (count, bytes, kind) => Array.from({ length: Math.max(1, Math.round(count * repeats)) }, () => ({ bytes, kind }));
  return [
    ...repeat(20, 'k', 'move'),
    ...repeat(10, KEY_BYTES.pageUp, 'page'),
    ...repeat(5, KEY_BYTES.pageDown, 'page'),
    { bytes: 'g', kind: 'jump' },
    ...repeat(10, 'j', 'move'),
    ...repeat(3, KEY_BYTES.pageDown, 'page'),
    { bytes: 'G', kind: 'jump' },
    ...filters.flatMap((filter) => applyFilter(filter, repeat)),
    { bytes: '2', kind: 'pane' },
    ...repeat(4, 'l', 'pane'),
    ...repeat(3, 'j', 'move'),
    { bytes: '1', kind: 'pane' },
    { bytes: KEY_BYTES.return, kind: 'pane' },
    { bytes: '1', kind: 'pane' },
  ];
}
