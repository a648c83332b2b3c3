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
    .replace(/['’]s$/, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
