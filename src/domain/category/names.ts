/** How sibling names are compared: "Shoes", " shoes " and "ＳＨＯＥＳ" are one name to a shopper. */
export const nameKey = (name: string): string => name.normalize('NFKC').trim().toLowerCase();

/**
 * A URL slug from a category name, for the command side to derive one ("Women's Shoes" → "women-s-shoes").
 * May return '' for a name with no letters or digits in the Latin range; the caller then has to choose one.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
}
