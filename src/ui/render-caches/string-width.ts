import measure from 'string-width';
import { displayWidth } from '../../core/text/fit.js';
import { memoizeRecent } from './recent-memo.js';

type Options = Parameters<typeof measure>[1];

const recentWidths = memoizeRecent(displayWidth, 8192);

/**
 * string-width for ink's own use (see scripts/build.mjs): the same widths, remembered
 * across frames, with the one-column fast path of displayWidth. Ink measures every line
 * of every frame; most lines are the ones of the frame before.
 */
export default function stringWidth(text: string, options?: Options): number {
  return options === undefined ? recentWidths(text) : measure(text, options);
}
