/** Words a POSIX shell reads as they are; anything else is single-quoted. */
const BARE_WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;

/**
 * One argument for a POSIX shell: single quotes, with each `'` written as `'\''`.
 * Inside single quotes a shell expands nothing, so `$`, backticks, `;` and `*` stay text.
 */
export function shellQuote(word: string): string {
  if (BARE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
