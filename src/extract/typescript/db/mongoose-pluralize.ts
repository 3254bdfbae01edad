/**
 * Mongoose's default collection name for a model (mongoose 5 to 8, `lib/helpers/pluralize.js`): the name
 * lower-cased; unchanged when uncountable; else the first matching rule below rewrites it. A name already ending in
 * `s` stays (`Accounts` → `accounts`), one ending in a non-letter too (`Log2` → `log2`), the rest gain an `s`.
 * Mongoose 9 changes a few words (`human` → `humans`, `virus` → `viruses`, `cactus` → `cacti`); those are not here.
 */

/**
 * Rules in mongoose's order; the first whose pattern matches is applied. Quirks are kept on purpose, since they
 * decide where documents land: `Human` → `humen`, `Leaf` → `leafs`, `Index` → `indexes` (the `x` rule comes first),
 * `Matrixes` → `matriceses` (the `ix` branch is unanchored), `[ml|]ouse` also takes a `|`, and the `ife` rule never
 * fires because the `fe` rule before it matches first.
 */
const RULES: readonly (readonly [RegExp, string])[] = [
  [/(m)an$/, '$1en'],
  [/(pe)rson$/, '$1ople'],
  [/(child)$/, '$1ren'],
  [/^(ox)$/, '$1en'],
  [/(ax|test)is$/, '$1es'],
  [/(octop|vir)us$/, '$1i'],
  [/(alias|status)$/, '$1es'],
  [/(bu)s$/, '$1ses'],
  [/(buffal|tomat|potat)o$/, '$1oes'],
  [/([ti])um$/, '$1a'],
  [/sis$/, 'ses'],
  [/(?:([^f])fe|([lr])f)$/, '$1$2ves'],
  [/(hive)$/, '$1s'],
  [/([^aeiouy]|qu)y$/, '$1ies'],
  [/(x|ch|ss|sh)$/, '$1es'],
  // Unanchored first branch, replaced everywhere it occurs (mongoose's rules are global).
  [/(matr|vert|ind)ix|ex$/g, '$1ices'],
  [/([ml|])ouse$/, '$1ice'],
  [/(kn|w|l)ife$/, '$1ives'],
  [/(quiz)$/, '$1zes'],
  [/^goose$/, 'geese'],
  [/s$/, 's'],
  [/([^a-z])$/, '$1'],
  [/$/, 's'],
];

/** Words mongoose never pluralizes. */
const UNCOUNTABLE = new Set([
  'advice', 'energy', 'excretion', 'digestion', 'cooperation', 'health', 'justice', 'labour', 'machinery', 'equipment',
  'information', 'pollution', 'sewage', 'paper', 'money', 'species', 'series', 'rain', 'rice', 'fish', 'sheep',
  'moose', 'deer', 'news', 'expertise', 'status', 'media',
]);

/** The collection mongoose names after `model` when neither the model call nor the schema names one. */
export function collectionOf(model: string): string {
  // `toCollectionName` leaves MongoDB's own system collections alone.
  if (model === 'system.profile' || model === 'system.indexes') return model;
  const lower = model.toLowerCase();
  if (UNCOUNTABLE.has(lower)) return lower;
  for (const [pattern, replacement] of RULES) {
    // `search` ignores `lastIndex`, so the global rule tests like the others.
    if (lower.search(pattern) !== -1) return lower.replace(pattern, replacement);
  }
  return lower;
}
