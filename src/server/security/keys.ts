import { randomBytes, hkdfSync } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DocscribError } from '../../core/errors.js';

/**
 * The master key (key-encryption key) and the keys derived from it.
 *
 * The master key comes from `DOCSCRIB_ENCRYPTION_KEY` (base64 of 32 bytes) or, when that is not
 * set, from the key file `<dataDir>/docscrib.key`, created on first run with mode 0600. The file
 * holds the key as one line of base64, so it can be moved into the variable as it is.
 *
 * Every purpose gets its own key, derived with HKDF-SHA256 and a distinct `info` label
 * (see `KEY_INFO`); the master key itself is never used directly to encrypt or sign.
 */

export const KEY_ENV_VAR = 'DOCSCRIB_ENCRYPTION_KEY';
export const KEY_FILE_NAME = 'docscrib.key';
export const KEY_BYTES = 32;

/** HKDF `info` labels: one per purpose, never reused for another. */
export const KEY_INFO = {
  /** The key that wraps the per-value data keys of field encryption. */
  fieldKek: 'docscrib/field-kek/v1',
  /** The fingerprint that names the master key inside envelopes (the key id). */
  keyId: 'docscrib/key-id/v1',
  /** The HMAC key of the audit chain. */
  auditHmac: 'docscrib/audit-hmac/v1',
  /** Cookie / CSRF secrets. */
  cookie: 'docscrib/cookie/v1',
  /**
   * The HMAC key of values stored only to be looked up or counted, never read back (the
   * rate-limit keys of client addresses): `FieldCipher.lookupKey`.
   */
  lookupHmac: 'docscrib/lookup-hmac/v1',
} as const;

export interface LoadMasterKeyOptions {
  env: Readonly<Record<string, string | undefined>>;
  dataDir: string;
  /** Called once when a new key file was created (e.g. to tell the operator to back it up). */
  onCreate?: (path: string) => void;
}

/** base64 (standard or url-safe alphabet, padding optional) of exactly 32 bytes. */
const KEY_TEXT = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * Load the 32-byte master key: from `DOCSCRIB_ENCRYPTION_KEY` when set, else from the key file in
 * `dataDir` (created on first run). Throws a `DocscribError` (code `usage`) naming the variable or
 * the file and saying what to do; never includes the key or the variable's value.
 */
export async function loadMasterKey(options: LoadMasterKeyOptions): Promise<Buffer> {
  const fromEnv = options.env[KEY_ENV_VAR];
  if (fromEnv !== undefined) {
    // Set but empty is an error too: silently falling back to a new key file would hide it.
    const key = decodeKey(fromEnv);
    if (!key) {
      throw new DocscribError(
        'usage',
        `${KEY_ENV_VAR} is not a valid key: it must be the base64 encoding of exactly ${KEY_BYTES} bytes`,
        `generate one with \`openssl rand -base64 ${KEY_BYTES}\`, or unset ${KEY_ENV_VAR} to use the key file ${KEY_FILE_NAME} in the data directory (if this database already holds data, use the key it was created with)`,
      );
    }
    return key;
  }
  const path = join(options.dataDir, KEY_FILE_NAME);
  const existing = await readKeyFile(path);
  if (existing) return existing;
  const created = await createKeyFile(options.dataDir, path);
  if (created.created) options.onCreate?.(path);
  return created.key;
}

/** Derive a 32-byte key for one purpose from the master key (HKDF-SHA256, empty salt). */
export function deriveKey(master: Buffer, info: string): Buffer {
  if (master.length !== KEY_BYTES) {
    throw new RangeError(`deriveKey: the master key must be ${KEY_BYTES} bytes`);
  }
  if (info === '') throw new RangeError('deriveKey: info must not be empty');
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, KEY_BYTES));
}

/** The key text a key file holds (base64, one line). */
export function encodeKey(key: Buffer): string {
  return `${key.toString('base64')}\n`;
}

function decodeKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!KEY_TEXT.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === KEY_BYTES ? key : undefined;
}

/** The key from an existing key file; undefined when there is none. Refuses an unsafe file. */
async function readKeyFile(path: string): Promise<Buffer | undefined> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw fileError(path, e);
  }
  if (!info.isFile()) {
    throw new DocscribError(
      'usage',
      `the key file ${path} is not a regular file`,
      `remove it, or set ${KEY_ENV_VAR}; DocScrib keeps its encryption key in that file`,
    );
  }
  const exposed = info.mode & 0o077;
  if (exposed !== 0 && process.platform !== 'win32') {
    throw new DocscribError(
      'usage',
      `the key file ${path} is accessible to other users (mode ${(info.mode & 0o777).toString(8).padStart(3, '0')}); DocScrib refuses to use an exposed encryption key`,
      `run \`chmod 600 ${path}\` (and check who may have read it; if someone did, the data it protects should be considered exposed)`,
    );
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw fileError(path, e);
  }
  const key = decodeKey(text);
  if (!key) {
    throw new DocscribError(
      'usage',
      `the key file ${path} does not hold a valid key: it must be one line of base64 encoding exactly ${KEY_BYTES} bytes`,
      `restore the key file from your backup; without the original key the encrypted data cannot be read. Remove the file only if the data directory holds no data yet (a new key is then created)`,
    );
  }
  return key;
}

/**
 * Create the key file atomically with mode 0600: the key is written and synced to a private
 * temporary file, then hard-linked into place, which fails if another process got there first (we
 * then use its key). Where hard links are not supported, falls back to an exclusive (`wx`) create.
 */
async function createKeyFile(
  dataDir: string,
  path: string,
): Promise<{ key: Buffer; created: boolean }> {
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw fileError(dataDir, e);
  }
  const key = randomBytes(KEY_BYTES);
  const tmp = join(dataDir, `.${KEY_FILE_NAME}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    await writeSynced(tmp, encodeKey(key));
    try {
      await link(tmp, path);
      created = true;
    } catch (e) {
      const code = errnoCode(e);
      if (code === 'EEXIST') {
        created = false;
      } else if (
        code === 'EPERM' ||
        code === 'ENOTSUP' ||
        code === 'EOPNOTSUPP' ||
        code === 'ENOSYS'
      ) {
        try {
          await writeSynced(path, encodeKey(key));
          created = true;
        } catch (e2) {
          if (errnoCode(e2) !== 'EEXIST') throw e2;
        }
      } else {
        throw e;
      }
    }
  } catch (e) {
    throw fileError(path, e);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  if (!created) {
    // Another process created it first: use that key.
    const theirs = await readKeyFile(path);
    if (!theirs) throw fileError(path, new Error('the key file disappeared'));
    return { key: theirs, created: false };
  }
  await syncDir(dataDir);
  return { key, created: true };
}

async function writeSynced(path: string, text: string): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await writeFile(handle, text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Make the new directory entry durable (not possible on every platform; best effort). */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows and some filesystems cannot sync a directory.
  }
}

function errnoCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') {
    return e.code;
  }
  return undefined;
}

function fileError(path: string, e: unknown): DocscribError {
  const code = errnoCode(e);
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'ENOTDIR'
        ? 'a part of the path is not a directory'
        : code === 'EROFS'
          ? 'the file system is read-only'
          : (code ?? 'unexpected error');
  return new DocscribError(
    'usage',
    `cannot use the key file ${path} (${why})`,
    `check that the data directory exists and belongs to the user running DocScrib, or set ${KEY_ENV_VAR}`,
  );
}
