import { diffChars } from 'diff';
import type { BulletinAttachment, BulletinRevision } from './bulletin.ts';
import { BULLETIN_CATEGORY_LABELS } from './schema.ts';

/** A piece of text on one side of a comparison; `changed` marks what the other side does not have. */
export interface DiffSegment {
  text: string;
  changed: boolean;
}

export interface FieldComparison {
  field: 'title' | 'issuer' | 'issuedOn' | 'category' | 'bodyMd' | 'attachments' | 'changeReason';
  label: string;
  same: boolean;
  left: DiffSegment[];
  right: DiffSegment[];
}

/** What a comparison reads of a revision. */
export type ComparableRevision = Pick<BulletinRevision, 'title' | 'issuer' | 'issuedOn' | 'category' | 'bodyMd' | 'changeReason'> & {
  attachments: Array<Pick<BulletinAttachment, 'filename' | 'sha256'>>;
};

const LABELS: Record<FieldComparison['field'], string> = {
  title: '标题',
  issuer: '发布机关',
  issuedOn: '发布日期',
  category: '类别',
  bodyMd: '正文',
  attachments: '附件',
  changeReason: '修改原因',
};

/** Character-level: Chinese has no spaces to split words on, and a changed figure is one or two characters. */
function compareText(field: FieldComparison['field'], a: string, b: string): FieldComparison {
  const parts = diffChars(a, b);
  const left: DiffSegment[] = [];
  const right: DiffSegment[] = [];
  for (const p of parts) {
    if (!p.added) left.push({ text: p.value, changed: Boolean(p.removed) });
    if (!p.removed) right.push({ text: p.value, changed: Boolean(p.added) });
  }
  return { field, label: LABELS[field], same: a === b, left, right };
}

/** Two revisions side by side, field by field. */
export function compareRevisions(a: ComparableRevision, b: ComparableRevision): FieldComparison[] {
  const files = (r: ComparableRevision) => r.attachments.map((f) => `${f.filename}（${f.sha256.slice(0, 12)}）`).join('\n');
  return [
    compareText('title', a.title, b.title),
    compareText('issuer', a.issuer, b.issuer),
    compareText('issuedOn', a.issuedOn, b.issuedOn),
    compareText('category', BULLETIN_CATEGORY_LABELS[a.category], BULLETIN_CATEGORY_LABELS[b.category]),
    compareText('bodyMd', a.bodyMd, b.bodyMd),
    compareText('attachments', files(a), files(b)),
    compareText('changeReason', a.changeReason ?? '', b.changeReason ?? ''),
  ];
}
