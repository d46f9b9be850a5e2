// Signed checkpoints in the C2SP signed-note format with an Ed25519 key (as the Go checksum database
// and static CT logs publish them): "<origin>\n<size>\n<base64 root>\n", a blank line, then
// "— <key name> <base64(key id ‖ signature)>". The key id is the first 4 bytes of
// SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key); the verifier key is written "<name>+<hex id>+<base64(0x01 ‖ key)>".
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

const ED25519 = 0x01;
/** The raw 32-byte public key of an Ed25519 key. */
const rawPublic = (key: KeyObject): Buffer => Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x!, 'base64url');

const keyId = (name: string, raw: Buffer): Buffer =>
  createHash('sha256').update(name).update('\n').update(Buffer.of(ED25519)).update(raw).digest().subarray(0, 4);

/** The verifier key, to publish: '<name>+<hex id>+<base64>'. */
export function verifierKey(name: string, privateKey: KeyObject): string {
  const raw = rawPublic(privateKey);
  return `${name}+${keyId(name, raw).toString('hex')}+${Buffer.concat([Buffer.of(ED25519), raw]).toString('base64')}`;
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
}

export const checkpointText = (c: Checkpoint) => `${c.origin}\n${c.size}\n${c.root.toString('base64')}\n`;

export function signCheckpoint(c: Checkpoint, name: string, privateKey: KeyObject): string {
  const text = checkpointText(c);
  const signature = sign(null, Buffer.from(text), privateKey);
  return `${text}\n— ${name} ${Buffer.concat([keyId(name, rawPublic(privateKey)), signature]).toString('base64')}\n`;
}

/** Parses a verifier key; throws on a malformed one. */
function parseVerifier(vkey: string): { name: string; id: Buffer; key: KeyObject } {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey.trim());
  if (!m) throw new Error('公钥格式不正确（应为 名称+8位十六进制+base64）');
  const bytes = Buffer.from(m[3]!, 'base64');
  if (bytes.length !== 33 || bytes[0] !== ED25519) throw new Error('公钥不是 Ed25519 公钥');
  const raw = bytes.subarray(1);
  if (!keyId(m[1]!, raw).equals(Buffer.from(m[2]!, 'hex'))) throw new Error('公钥的标识与内容不符');
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  return { name: m[1]!, id: Buffer.from(m[2]!, 'hex'), key };
}

/** Checks a signed checkpoint with the verifier key and returns it; throws naming what is wrong. */
export function openCheckpoint(note: string, vkey: string): Checkpoint {
  const verifier = parseVerifier(vkey);
  const split = note.indexOf('\n\n');
  if (split < 0) throw new Error('检查点没有签名');
  const text = note.slice(0, split + 1);
  const lines = text.split('\n');
  if (lines.length !== 4 || !/^\d+$/.test(lines[1]!)) throw new Error('检查点格式不正确');
  const signed = note
    .slice(split + 2)
    .split('\n')
    .filter(Boolean)
    .some((line) => {
      const m = /^— (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
      if (!m || m[1] !== verifier.name) return false;
      const bytes = Buffer.from(m[2]!, 'base64');
      return bytes.subarray(0, 4).equals(verifier.id) && verify(null, Buffer.from(text), verifier.key, bytes.subarray(4));
    });
  if (!signed) throw new Error('检查点的签名与公钥不符');
  const root = Buffer.from(lines[2]!, 'base64');
  if (root.length !== 32) throw new Error('检查点的根哈希不是 32 字节');
  return { origin: lines[0]!, size: Number(lines[1]), root };
}
