// /bulletins/<id>/attachments/<attachmentId>/<filename>: the attachments of the published revision
// of each bulletin, as static files. The file name keeps the uploaded name (Chinese included; see
// attachmentFileName); the bytes are checked against the recorded SHA-256 before they are written.
import { createHash } from 'node:crypto';
import type { BulletinAttachment } from '@epi/core';
import type { APIRoute, GetStaticPaths } from 'astro';
import { bulletinAttachment, siteData } from '../../../../../lib/api.ts';
import { attachmentFileName } from '../../../../../lib/bulletins.ts';

export const getStaticPaths = (async () => {
  const site = await siteData();
  return site.bulletins.flatMap((b) =>
    b.attachments.map((a) => ({
      params: { id: b.id, attachment: a.id, filename: attachmentFileName(a) },
      props: { attachment: a },
    })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ attachment: BulletinAttachment }> = async ({ params, props }) => {
  const expected = props.attachment;
  const { attachment, content } = await bulletinAttachment(params.attachment!);
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (sha256 !== expected.sha256 || sha256 !== attachment.sha256) {
    throw new Error(`Attachment ${attachment.id} (${attachment.filename}) does not match its recorded SHA-256`);
  }
  // A copy typed as ArrayBuffer-backed, as Response wants.
  return new Response(new Uint8Array(content), {
    headers: { 'content-type': attachment.mediaType, 'content-length': String(content.byteLength) },
  });
};
