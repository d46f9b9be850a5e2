// Bulletins on the public site: addresses, the static filter pages (by category, issuing body and
// month) and attachment file names. Pure functions of the list the public API returns.
import { createHash } from 'node:crypto';
import {
  ATTACHMENT_TYPES,
  BULLETIN_CATEGORIES,
  BULLETIN_CATEGORY_LABELS,
  type BulletinAttachment,
  type BulletinCategory,
  type PublicBulletin,
} from '@epi/core';
import { t } from '../i18n/index.ts';
import { formatMonth, formatNumber } from './format.ts';

/** The permanent address of a bulletin. Never changes, also after an update or a withdrawal. */
export const bulletinPath = (id: string): string => `/bulletins/${id}/`;

/** An issuing body as written, with spacing differences and full-width forms folded. */
export const normaliseIssuer = (issuer: string): string => issuer.normalize('NFKC').replace(/\s+/g, ' ').trim();

/**
 * A short stable slug for an issuing body (Chinese text): the first 10 hex digits of the SHA-256 of
 * its normalised name. The same name gives the same address in every build; another name, another.
 */
export function issuerSlug(issuer: string): string {
  return createHash('sha256').update(normaliseIssuer(issuer), 'utf8').digest('hex').slice(0, 10);
}

/** '2021-01-14' → '2021-01': bulletins are filed under the month of their issue date. */
export const bulletinMonth = (b: Pick<PublicBulletin, 'issuedOn'>): string => b.issuedOn.slice(0, 7);

export const FILTER_KINDS = ['category', 'issuer', 'month'] as const;
export type FilterKind = (typeof FILTER_KINDS)[number];

export interface BulletinGroup {
  kind: FilterKind;
  /** The path segment: category code, issuer slug, or YYYY-MM. */
  key: string;
  label: string;
  path: string;
  /** In the order of the list they come from (newest first). */
  bulletins: PublicBulletin[];
}

export interface BulletinFilters {
  /** In the order of BULLETIN_CATEGORIES; only categories with bulletins. */
  categories: BulletinGroup[];
  /** Most bulletins first, then by name. */
  issuers: BulletinGroup[];
  /** Newest month first. */
  months: BulletinGroup[];
}

export const filterPath = (kind: FilterKind, key: string): string => `/bulletins/${kind}/${key}/`;

function group(kind: FilterKind, key: string, label: string, bulletins: PublicBulletin[]): BulletinGroup {
  return { kind, key, label, path: filterPath(kind, key), bulletins };
}

/** Groups the public list (withdrawn bulletins included, as they are listed) for the filter pages. */
export function bulletinFilters(bulletins: PublicBulletin[]): BulletinFilters {
  const byCategory = new Map<BulletinCategory, PublicBulletin[]>();
  const byIssuer = new Map<string, { name: string; list: PublicBulletin[] }>();
  const byMonth = new Map<string, PublicBulletin[]>();
  for (const b of bulletins) {
    byCategory.set(b.category, [...(byCategory.get(b.category) ?? []), b]);
    const slug = issuerSlug(b.issuer);
    const name = normaliseIssuer(b.issuer);
    const entry = byIssuer.get(slug);
    if (entry && entry.name !== name) {
      // Ten hex digits make this practically impossible; if it ever happens, stop rather than mix two bodies.
      throw new Error(`Two issuing bodies share the slug ${slug}: ${entry.name} and ${name}`);
    }
    byIssuer.set(slug, { name, list: [...(entry?.list ?? []), b] });
    const month = bulletinMonth(b);
    byMonth.set(month, [...(byMonth.get(month) ?? []), b]);
  }
  const collator = new Intl.Collator('zh-CN');
  return {
    categories: BULLETIN_CATEGORIES.filter((c) => byCategory.has(c)).map((c) =>
      group('category', c, BULLETIN_CATEGORY_LABELS[c], byCategory.get(c)!),
    ),
    issuers: [...byIssuer]
      .map(([slug, { name, list }]) => group('issuer', slug, name, list))
      .sort((a, b) => b.bulletins.length - a.bulletins.length || collator.compare(a.label, b.label)),
    months: [...byMonth.keys()].sort((a, b) => b.localeCompare(a)).map((m) => group('month', m, formatMonth(m), byMonth.get(m)!)),
  };
}

/** Every filter page, for getStaticPaths. */
export function filterGroups(bulletins: PublicBulletin[], kind: FilterKind): BulletinGroup[] {
  const filters = bulletinFilters(bulletins);
  return kind === 'category' ? filters.categories : kind === 'issuer' ? filters.issuers : filters.months;
}

/**
 * The file an attachment is published as: its id and the extension of its type. The name it was
 * uploaded under, of any length and in any script, is only shown (the link's text) and offered as
 * the name to save it under: a file system never sees it.
 */
export function attachmentFileName(a: Pick<BulletinAttachment, 'id' | 'mediaType'>): string {
  return `${a.id}.${ATTACHMENT_TYPES[a.mediaType].ext}`;
}

/** Where an attachment's file is in the build. */
export function attachmentPath(bulletinId: string, a: Pick<BulletinAttachment, 'id' | 'mediaType'>): string {
  return `/bulletins/${bulletinId}/attachments/${attachmentFileName(a)}`;
}

/** 'PDF', 'PNG 图片', … */
export const attachmentTypeLabel = (a: Pick<BulletinAttachment, 'mediaType'>): string => ATTACHMENT_TYPES[a.mediaType].label;

/** 850 → '850 字节', 12_345 → '12.1 KB', 2_500_000 → '2.4 MB' (1 KB = 1024 bytes). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return t.bulletins.bytes(formatNumber(bytes));
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round((bytes / 1024) * 10) / 10)} KB`;
  return `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
}

/** The instant a bulletin last changed for the public: its withdrawal, or its latest publication. */
export function bulletinChangedAt(b: Pick<PublicBulletin, 'publishedAt' | 'withdrawn'>): string {
  return b.withdrawn && b.withdrawn.at > b.publishedAt ? b.withdrawn.at : b.publishedAt;
}
