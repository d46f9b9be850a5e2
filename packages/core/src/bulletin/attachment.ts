// Attachments: stored after their real type is checked from their content (not their name), listed
// by a revision when it is saved, and served to the public only when the published revision lists them.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import type { WriteContext } from '../shared/actor.ts';
import { InputError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { inTransaction } from '../shared/tx.ts';
import { getBulletin, toAttachment, type AttachmentMeta, type BulletinAttachment } from './read.ts';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  uploadAttachmentInput,
  type AttachmentMediaType,
  type UploadAttachmentInput,
} from './schema.ts';

/** An attachment with its bytes. */
export interface AttachmentFile {
  attachment: BulletinAttachment;
  content: Uint8Array;
}

/** The attachment a query found, with its bytes; `missing` says why there is none. */
function fileOf(row: (AttachmentMeta & { content: Uint8Array | null }) | undefined, missing: string): AttachmentFile {
  if (!row || !row.content) throw new NotFoundError(missing);
  return { attachment: toAttachment(row), content: new Uint8Array(row.content) };
}

/** The bytes of an attachment of a published revision (what the public site may serve). */
export async function publicAttachmentContent(db: Executor, attachmentId: string): Promise<AttachmentFile> {
  const row = await db
    .selectFrom('bulletin_attachment')
    .innerJoin('bulletin', 'bulletin.id', 'bulletin_attachment.bulletin_id')
    .innerJoin('bulletin_revision_attachment', (j) =>
      j
        .onRef('bulletin_revision_attachment.attachment_id', '=', 'bulletin_attachment.id')
        .onRef('bulletin_revision_attachment.revision', '=', 'bulletin.published_revision'),
    )
    .selectAll('bulletin_attachment')
    .where('bulletin_attachment.id', '=', attachmentId)
    .executeTakeFirst();
  return fileOf(row, '附件不存在或未发布');
}

/** The bytes of any attachment, for staff. */
export async function attachmentContent(db: Executor, attachmentId: string): Promise<AttachmentFile> {
  return fileOf(await db.selectFrom('bulletin_attachment').selectAll().where('id', '=', attachmentId).executeTakeFirst(), '附件不存在');
}

/** The attachments a revision lists must have been uploaded to the same bulletin. */
export async function linkAttachments(tx: Executor, bulletinId: string, revision: number, attachmentIds: string[]) {
  const unique = [...new Set(attachmentIds)];
  if (unique.length === 0) return;
  const found = await tx
    .selectFrom('bulletin_attachment')
    .select('id')
    .where('bulletin_id', '=', bulletinId)
    .where('id', 'in', unique)
    .execute();
  const known = new Set(found.map((f) => f.id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length) throw new InputError('attachmentIds', `附件 ${missing.join('、')} 不属于该公告`);
  await tx
    .insertInto('bulletin_revision_attachment')
    .values(unique.map((id, position) => ({ bulletin_id: bulletinId, revision, attachment_id: id, position })))
    .execute();
}

/** Keeps the name a person gave the file, without any folder part or control characters. */
function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return (
    base
      // eslint-disable-next-line no-control-regex -- control characters are what it removes
      .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
      .trim()
      .slice(0, 150)
  );
}

/** Stores an uploaded file after checking its real type from its content. A revision lists it when saved. */
export async function uploadAttachment(ctx: WriteContext, raw: UploadAttachmentInput): Promise<BulletinAttachment> {
  const input = uploadAttachmentInput.parse(raw);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) throw new InputError('file', '文件为空');
  if (bytes.length > ATTACHMENT_MAX_BYTES) {
    throw new InputError(
      'file',
      `文件 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB 的上限`,
    );
  }
  const detected = await fileTypeFromBuffer(bytes);
  const type = detected && detected.mime in ATTACHMENT_TYPES ? (detected.mime as AttachmentMediaType) : null;
  if (!type) {
    throw new InputError(
      'file',
      `只接受 PDF 和 PNG、JPEG、GIF、WebP 图片；按文件内容判断，该文件${detected ? `是 ${detected.mime}` : '不是其中任何一种'}`,
    );
  }
  let filename = cleanFilename(input.filename);
  if (!filename) throw new InputError('filename', '文件名无效');
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  const expected = ATTACHMENT_TYPES[type];
  const accepted: string[] = type === 'image/jpeg' ? ['jpg', 'jpeg'] : [expected.ext];
  if (!ext) filename = `${filename}.${expected.ext}`;
  else if (!accepted.includes(ext)) throw new InputError('file', `文件名是 .${ext}，但内容是 ${expected.label}；请改正文件名后再上传`);
  return inTransaction(ctx.db, async (tx) => {
    const bulletin = await getBulletin(tx, input.bulletinId);
    if (bulletin.status === 'withdrawn') throw new InputError('bulletinId', '已撤回的公告不能再添加附件');
    const id = newId();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await tx
      .insertInto('bulletin_attachment')
      .values({
        id,
        bulletin_id: input.bulletinId,
        filename,
        media_type: type,
        size_bytes: bytes.length,
        sha256,
        created_at: ctx.now.toISOString(),
        created_by: ctx.actor.id,
        content: bytes,
      })
      .execute();
    const attachment: BulletinAttachment = { id, filename, mediaType: type, sizeBytes: bytes.length, sha256 };
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'bulletin.attachment.upload',
      entityType: 'bulletin',
      entityId: input.bulletinId,
      after: attachment,
    });
    return attachment;
  });
}
