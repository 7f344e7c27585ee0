import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { DocscribError } from '../../core/errors.js';
import type { FieldCipher } from '../store/port.js';
import { KEY_BYTES, KEY_INFO, deriveKey } from './keys.js';

/**
 * Field encryption: AES-256-GCM envelope encryption of one string value.
 *
 * Every value gets a fresh random 256-bit data key. The value is sealed with the data key; the data
 * key is wrapped (sealed) with the key-encryption key, which is derived from the master key with
 * HKDF. Both seals authenticate the caller's AAD (e.g. `docscrib:notes:<id>:body`), so a
 * ciphertext copied to another row or column does not open.
 *
 * Output: `v1.<keyId>.<wrapIv>.<wrappedKey>.<iv>.<ciphertext>`, the last four base64url (no
 * padding); the GCM tags are appended to `wrappedKey` and `ciphertext`. `keyId` names the master
 * key (by default a fingerprint of it) so keys can be rotated later: a reader can tell which key a
 * value needs.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const B64URL = /^[A-Za-z0-9_-]*$/;

export interface FieldCipherOptions {
  /** Names the master key inside envelopes (letters, digits, `_`, `-`; at most 32). Default: a fingerprint of the key. */
  keyId?: string;
}

export interface EnvelopeCipher extends FieldCipher {
  /** The key id written into every envelope this cipher seals. */
  readonly keyId: string;
}

export function createFieldCipher(
  masterKey: Buffer,
  options: FieldCipherOptions = {},
): EnvelopeCipher {
  if (masterKey.length !== KEY_BYTES) {
    throw new RangeError(`createFieldCipher: the master key must be ${KEY_BYTES} bytes`);
  }
  const keyId = options.keyId ?? keyFingerprint(masterKey);
  if (!KEY_ID.test(keyId)) {
    throw new RangeError('createFieldCipher: keyId must be 1-32 letters, digits, _ or -');
  }
  const kek = deriveKey(masterKey, KEY_INFO.fieldKek);
  const lookupHmac = deriveKey(masterKey, KEY_INFO.lookupHmac);

  return {
    keyId,

    lookupKey(value: string, purpose: string): string {
      return createHmac('sha256', lookupHmac).update(lookupInput(value, purpose)).digest('hex');
    },

    seal(plaintext: string, aad: string): string {
      const dataKey = randomBytes(KEY_BYTES);
      const wrapIv = randomBytes(IV_BYTES);
      const wrapped = gcmSeal(kek, wrapIv, dataKey, wrapAad(keyId, aad));
      const iv = randomBytes(IV_BYTES);
      const sealed = gcmSeal(dataKey, iv, Buffer.from(plaintext, 'utf8'), valueAad(keyId, aad));
      dataKey.fill(0);
      return [VERSION, keyId, b64(wrapIv), b64(wrapped), b64(iv), b64(sealed)].join('.');
    },

    open(sealed: string, aad: string): string {
      const parts = parseEnvelope(sealed);
      if (parts.keyId !== keyId) {
        throw decryptError(
          `a stored field was sealed with another key (key id ${parts.keyId}; this server's key id is ${keyId})`,
        );
      }
      const dataKey = gcmOpen(kek, parts.wrapIv, parts.wrapped, wrapAad(keyId, aad));
      if (dataKey?.length !== KEY_BYTES) throw authError();
      const plain = gcmOpen(dataKey, parts.iv, parts.sealed, valueAad(keyId, aad));
      dataKey.fill(0);
      if (!plain) throw authError();
      return plain.toString('utf8');
    },

    sealBytes(plaintext: Buffer, aad: string): Buffer {
      const dataKey = randomBytes(KEY_BYTES);
      const wrapIv = randomBytes(IV_BYTES);
      const wrapped = gcmSeal(kek, wrapIv, dataKey, wrapAad(keyId, aad));
      const iv = randomBytes(IV_BYTES);
      const sealed = gcmSeal(dataKey, iv, plaintext, bytesAad(keyId, aad));
      dataKey.fill(0);
      const id = Buffer.from(keyId, 'ascii');
      return Buffer.concat([
        Buffer.from([BYTES_VERSION, id.length]),
        id,
        wrapIv,
        wrapped,
        iv,
        sealed,
      ]);
    },

    openBytes(sealed: Buffer, aad: string): Buffer {
      const parts = parseBytesEnvelope(sealed);
      if (parts.keyId !== keyId) {
        throw decryptError(
          `a stored field was sealed with another key (key id ${parts.keyId}; this server's key id is ${keyId})`,
        );
      }
      const dataKey = gcmOpen(kek, parts.wrapIv, parts.wrapped, wrapAad(keyId, aad));
      if (dataKey?.length !== KEY_BYTES) throw authError();
      const plain = gcmOpen(dataKey, parts.iv, parts.sealed, bytesAad(keyId, aad));
      dataKey.fill(0);
      if (!plain) throw authError();
      return plain;
    },
  };
}

/**
 * Binary envelopes (audio chunks): `[1][keyId length][keyId][wrapIv 12][wrappedKey 48][iv 12]
 * [ciphertext + tag 16]`, the same two-layer scheme as the text form; the value AAD says
 * "bytes", so a binary envelope never opens as text or the other way round.
 */
const BYTES_VERSION = 1;

function bytesAad(keyId: string, aad: string): Buffer {
  return Buffer.from(`docscrib-envelope|${VERSION}|bytes|${keyId}|${aad}`, 'utf8');
}

function parseBytesEnvelope(b: Buffer): EnvelopeParts {
  const idLen = b[1] ?? 0;
  const head = 2 + idLen;
  const min = head + IV_BYTES + KEY_BYTES + TAG_BYTES + IV_BYTES + TAG_BYTES;
  if (b[0] !== BYTES_VERSION || b.length < min) throw malformedError();
  const keyId = b.subarray(2, head).toString('ascii');
  if (!KEY_ID.test(keyId)) throw malformedError();
  let at = head;
  const take = (n: number): Buffer => {
    const part = b.subarray(at, at + n);
    at += n;
    return part;
  };
  const wrapIv = take(IV_BYTES);
  const wrapped = take(KEY_BYTES + TAG_BYTES);
  const iv = take(IV_BYTES);
  return { keyId, wrapIv, wrapped, iv, sealed: b.subarray(at) };
}

/** What `lookupKey` MACs: the purpose and the value, unambiguously joined. */
export function lookupInput(value: string, purpose: string): string {
  return JSON.stringify(['docscrib-lookup', purpose, value]);
}

/** A short, stable, non-secret name for a master key (derived with HKDF; reveals nothing of it). */
export function keyFingerprint(masterKey: Buffer): string {
  return deriveKey(masterKey, KEY_INFO.keyId).subarray(0, 6).toString('base64url');
}

/** True if `value` looks like an envelope this module writes (not a proof it opens). */
export function isEnvelope(value: string): boolean {
  return value.startsWith(`${VERSION}.`) && value.split('.').length === 6;
}

function wrapAad(keyId: string, aad: string): Buffer {
  return Buffer.from(`docscrib-envelope|${VERSION}|data-key|${keyId}|${aad}`, 'utf8');
}

function valueAad(keyId: string, aad: string): Buffer {
  return Buffer.from(`docscrib-envelope|${VERSION}|value|${keyId}|${aad}`, 'utf8');
}

function gcmSeal(key: Buffer, iv: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** The plaintext, or undefined when authentication fails. */
function gcmOpen(key: Buffer, iv: Buffer, sealed: Buffer, aad: Buffer): Buffer | undefined {
  const body = sealed.subarray(0, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return undefined;
  }
}

interface EnvelopeParts {
  keyId: string;
  wrapIv: Buffer;
  wrapped: Buffer;
  iv: Buffer;
  sealed: Buffer;
}

function parseEnvelope(text: string): EnvelopeParts {
  const parts = text.split('.');
  const [version, keyId, wrapIv, wrapped, iv, sealed] = parts;
  if (
    parts.length !== 6 ||
    version !== VERSION ||
    keyId === undefined ||
    !KEY_ID.test(keyId) ||
    wrapIv === undefined ||
    wrapped === undefined ||
    iv === undefined ||
    sealed === undefined
  ) {
    throw malformedError();
  }
  const decoded = {
    keyId,
    wrapIv: unb64(wrapIv),
    wrapped: unb64(wrapped),
    iv: unb64(iv),
    sealed: unb64(sealed),
  };
  if (
    decoded.wrapIv?.length !== IV_BYTES ||
    decoded.wrapped?.length !== KEY_BYTES + TAG_BYTES ||
    decoded.iv?.length !== IV_BYTES ||
    decoded.sealed === undefined ||
    decoded.sealed.length < TAG_BYTES
  ) {
    throw malformedError();
  }
  return {
    keyId,
    wrapIv: decoded.wrapIv,
    wrapped: decoded.wrapped,
    iv: decoded.iv,
    sealed: decoded.sealed,
  };
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}

/** Strict base64url: only the canonical encoding decodes (so no two texts give the same bytes). */
function unb64(text: string): Buffer | undefined {
  if (!B64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

const HINT =
  'Check that the server uses the encryption key this database was created with (DOCSCRIB_ENCRYPTION_KEY or the key file in the data directory). If it does, the stored data was changed outside DocScrib: restore it from a backup.';

function decryptError(message: string): DocscribError {
  return new DocscribError('decrypt_failed', message, HINT);
}

function authError(): DocscribError {
  return decryptError(
    'a stored field could not be decrypted: it was changed, moved to another record, or sealed with another key',
  );
}

function malformedError(): DocscribError {
  return decryptError('a stored field is not a valid DocScrib envelope (damaged or not encrypted)');
}
