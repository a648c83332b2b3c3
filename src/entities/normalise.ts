/**
 * The one notion of "the same name": case-, accent- and punctuation-insensitive, possessive
 * dropped. Identity across articles and override matching both use it.
 *
 * @example normaliseName("Tehran's") // "tehran"
 */
export function normaliseName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    // As slugs spell it: `Securities & Exchange Commission` is `Securities and Exchange Commission`.
    .replace(/&/g, " and ")
    .replace(/['’]s$/, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
