/** `1 event`, `7,095 events`: a count with its noun; `pluralWord` for words that take more than an s (`addresses`). */
export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? word : pluralWord}`;
}
