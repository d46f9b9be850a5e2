// /bulletins/<id>/attachments/<attachmentId>.<ext>: the attachments of the published revision of
// each bulletin, as static files named by id (the uploaded name is shown on the page, never used as
// a file name); the bytes are checked against the recorded SHA-256 before they are written.
import { createHash } from 'node:crypto';
import { forItem, type BulletinAttachment } from '@epi/core';
import type { APIRoute, GetStaticPaths } from 'astro';
import { bulletinAttachment, siteData } from '../../../../lib/api.ts';
import { attachmentFileName, bulletinPath } from '../../../../lib/bulletins.ts';

export const getStaticPaths = (async () => {
  const site = await siteData();
  return site.bulletins.flatMap((b) =>
    b.attachments.map((a) => ({
      params: { id: b.id, file: attachmentFileName(a) },
      props: { attachment: a },
    })),
  );
}) satisfies GetStaticPaths;

// A failure names its bulletin: the publisher sets that bulletin aside and publishes the rest.
export const GET: APIRoute<{ attachment: BulletinAttachment }> = ({ params, props }) =>
  forItem({ kind: 'bulletin', id: params.id!, path: bulletinPath(params.id!) }, async () => {
    const expected = props.attachment;
    const { attachment, content } = await bulletinAttachment(expected.id);
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (sha256 !== expected.sha256 || sha256 !== attachment.sha256) {
      throw new Error(`附件 ${attachment.filename}（${attachment.id}）与记录的 SHA-256 校验值不符，文件可能已损坏`);
    }
    // A copy typed as ArrayBuffer-backed, as Response wants.
    return new Response(new Uint8Array(content), {
      headers: { 'content-type': attachment.mediaType, 'content-length': String(content.byteLength) },
    });
  });
