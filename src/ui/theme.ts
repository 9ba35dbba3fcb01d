/**
 * How the frame is drawn on this terminal. With NO_COLOR no colour or inverse is
 * used: the selection is still visible by its marker. Without a UTF-8 locale the
 * glyphs fall back to ASCII.
 */
export interface Theme {
  color: boolean;
  unicode: boolean;
  /** Drawn before the selected row (always, so selection never relies on colour). */
  marker: string;
  /** Drawn before lines Enter can pivot on. */
  pivotMark: string;
  bars: readonly string[];
  rule: string;
  separator: string;
}

const UNICODE_BARS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII_BARS = [' ', '.', ':', '-', '=', '+', '*', '#', '@'];

export function themeFromEnv(env: NodeJS.ProcessEnv): Theme {
  const color = !env.NO_COLOR;
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  const unicode = locale === '' || /utf-?8/i.test(locale);
  return {
    color,
    unicode,
    marker: unicode ? '›' : '>',
    pivotMark: unicode ? '·' : '+',
    bars: unicode ? UNICODE_BARS : ASCII_BARS,
    rule: unicode ? '─' : '-',
    separator: unicode ? '│' : '|',
  };
}

/** Colour props for ink's Text, or none at all under NO_COLOR. */
export function tint(theme: Theme, color: string | undefined, options: { inverse?: boolean; dim?: boolean } = {}): Record<string, unknown> {
  if (!theme.color) return {};
  return { ...(color ? { color } : {}), ...(options.inverse ? { inverse: true } : {}), ...(options.dim ? { dimColor: true } : {}) };
}
