/** The app's languages. */
export type Language = 'en' | 'zh';

export const LANGUAGES: readonly Language[] = ['en', 'zh'];

/** A message catalog: key → text with `{name}` placeholders. */
export type Catalog = Readonly<Record<string, string>>;

/**
 * The text for `key` with `{name}` placeholders filled from `params`. A missing key returns the
 * key itself (a test keeps both catalogs complete); a missing parameter leaves the placeholder.
 */
export function translate(catalog: Catalog, key: string, params: Readonly<Record<string, string | number>> = {}): string {
  const text = catalog[key];
  if (text === undefined) return key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
