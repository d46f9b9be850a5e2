// Full-text search (Pagefind, indexed after the build by src/integrations/pagefind.ts): which pages
// are indexed and how they are labelled. The layout marks the <main> of these pages with
// data-pagefind-body, so every other page stays out of the index.
import { t } from '../i18n/index.ts';

export type SearchType = keyof typeof t.search.types;

/** The pages in the index, by path (press conference pages are matched here, not marked one by one). */
const SECTIONS: Array<{ type: SearchType; pattern: RegExp }> = [
  { type: 'bulletin', pattern: /^\/bulletins\/(?!(?:category|issuer|month)\/)[^/]+\/$/ },
  { type: 'pressConference', pattern: /^\/press-conferences\/[^/]+\/$/ },
  { type: 'zone', pattern: /^\/zones\/(?!(?:map|timeline|on|other)\/)[^/]+\/$/ },
];

/** The kind of indexed page a path is, or null when the page is not in the search index. */
export function searchTypeOf(pathname: string): SearchType | null {
  return SECTIONS.find((s) => s.pattern.test(pathname))?.type ?? null;
}

/** Attributes for the <main> of an indexed page: the body to index, its type as metadata and filter. */
export function searchAttributes(pathname: string): Record<string, string> {
  const type = searchTypeOf(pathname);
  if (!type) return {};
  const label = t.search.types[type];
  return { 'data-pagefind-body': '', 'data-pagefind-meta': `type:${label}`, 'data-pagefind-filter': `type:${label}` };
}

/** Where the index is (written next to the pages by the integration). */
export const PAGEFIND_DIR = 'pagefind';
export const PAGEFIND_SCRIPT = `/${PAGEFIND_DIR}/pagefind.js`;

/**
 * Pagefind writes one fragment file per page up to this many, then bundles fragments into shared
 * files: with 5,000 zone pages that is ~560 files instead of ~5,060, and about half the writing time.
 */
export const PAGEFIND_MAX_FRAGMENTS = 500;

/** Left out of every indexed page: the breadcrumb (the section's name on each page), what is only printed, and links around the text. */
export const PAGEFIND_EXCLUDE = ['.breadcrumb', '.print-only', '.no-print'];
