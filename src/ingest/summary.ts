/**
 * A plain-text summary for listings, feeds and `<meta name="description">`: the lede, cut at a
 * sentence end when one falls in a sensible range, else at a word boundary with an ellipsis.
 * Pull quotes are never part of it (the parser keeps them out of `paragraphs`).
 */
const MAX = 280;
const MIN_SENTENCE = 80;

/** @example summarise(["One. Two."]) // "One. Two." */
export function summarise(paragraphs: readonly string[]): string {
  let text = "";
  for (const p of paragraphs) {
    text = text ? `${text} ${p}` : p;
    if (text.length >= MIN_SENTENCE) break;
  }
  if (text.length <= MAX) return text;
  const window = text.slice(0, MAX);
  // A sentence end is ., ! or ? followed by space, optionally after a closing quote.
  const ends = [...window.matchAll(/[.!?]["”’)]?(?=\s)/g)].map((m) => (m.index ?? 0) + m[0].length);
  const lastEnd = ends.filter((e) => e >= MIN_SENTENCE).pop();
  if (lastEnd !== undefined) return window.slice(0, lastEnd);
  const space = window.lastIndexOf(" ");
  return `${window.slice(0, space > MIN_SENTENCE ? space : MAX).replace(/[\s,;:–—-]+$/, "")}…`;
}
