import { createHmac, randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../adapters/test-helpers.js';
import { errorOfAsync } from '../../core/test-helpers.js';
import {
  KEY_ENV_VAR,
  KEY_FILE_NAME,
  KEY_INFO,
  deriveKey,
  encodeKey,
  loadMasterKey,
} from './keys.js';

const tempDir = useTempDir('docscrib-keys-');

/** A fresh, not yet existing data directory inside the test's temp dir. */
function freshDataDir(): string {
  return join(tempDir(), `data-${randomBytes(6).toString('hex')}`);
}

const posixOnly = process.platform === 'win32' ? it.skip : it;

describe('loadMasterKey from DOCSCRIB_ENCRYPTION_KEY', () => {
  it('accepts base64 of 32 bytes (standard, url-safe, unpadded) and creates no key file', async () => {
    const key = randomBytes(32);
    const dataDir = freshDataDir();
    const b64 = key.toString('base64');
    for (const value of [b64, key.toString('base64url'), b64.replace(/=$/, ''), ` ${b64}\n`]) {
      const loaded = await loadMasterKey({ env: { [KEY_ENV_VAR]: value }, dataDir });
      expect(loaded.equals(key)).toBe(true);
    }
    await expect(stat(dataDir)).rejects.toThrow();
  });

  it('names the variable, never its value, when the value is not a 32-byte base64 key', async () => {
    const bad = [
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('base64'),
      randomBytes(48).toString('base64'),
      'correct horse battery staple correct horse!',
      randomBytes(32).toString('hex'),
      '',
      '   ',
    ];
    for (const value of bad) {
      const e = await errorOfAsync(
        loadMasterKey({ env: { [KEY_ENV_VAR]: value }, dataDir: freshDataDir() }),
      );
      expect(e.code).toBe('usage');
      expect(e.message).toContain(KEY_ENV_VAR);
      expect(e.message).toContain('32 bytes');
      if (value.trim() !== '') {
        expect(e.message).not.toContain(value.trim());
        expect(e.hint).not.toContain(value.trim());
      }
    }
  });
});

describe('loadMasterKey from the key file', () => {
  it('creates <dataDir>/docscrib.key with mode 0600 on first run and reuses it after', async () => {
    const dataDir = freshDataDir();
    const created: string[] = [];
    const first = await loadMasterKey({ env: {}, dataDir, onCreate: (p) => created.push(p) });
    const path = join(dataDir, KEY_FILE_NAME);
    expect(first.length).toBe(32);
    expect(created).toEqual([path]);
    expect(await readFile(path, 'utf8')).toBe(encodeKey(first));
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);

    const again = await loadMasterKey({ env: {}, dataDir, onCreate: (p) => created.push(p) });
    expect(again.equals(first)).toBe(true);
    expect(created).toHaveLength(1);
    // No temporary files left behind.
    expect(await readdir(dataDir)).toEqual([KEY_FILE_NAME]);
  });

  it('gives every data directory its own random key', async () => {
    const a = await loadMasterKey({ env: {}, dataDir: freshDataDir() });
    const b = await loadMasterKey({ env: {}, dataDir: freshDataDir() });
    expect(a.equals(b)).toBe(false);
  });

  it('uses an existing key file that holds a valid key', async () => {
    const dataDir = freshDataDir();
    await mkdir(dataDir);
    const key = randomBytes(32);
    await writeFile(join(dataDir, KEY_FILE_NAME), encodeKey(key), { mode: 0o600 });
    expect((await loadMasterKey({ env: {}, dataDir })).equals(key)).toBe(true);
  });

  it('creates one key when several processes start at once', async () => {
    const dataDir = freshDataDir();
    let creations = 0;
    const keys = await Promise.all(
      Array.from({ length: 12 }, () =>
        loadMasterKey({ env: {}, dataDir, onCreate: () => (creations += 1) }),
      ),
    );
    expect(creations).toBe(1);
    for (const k of keys) expect(k.equals(keys[0] ?? Buffer.alloc(0))).toBe(true);
    expect(await readdir(dataDir)).toEqual([KEY_FILE_NAME]);
  });

  posixOnly.each([0o640, 0o604, 0o644, 0o620, 0o602, 0o660, 0o610])(
    'refuses a key file with mode %o and says how to fix it',
    async (mode) => {
      const dataDir = freshDataDir();
      await mkdir(dataDir);
      const path = join(dataDir, KEY_FILE_NAME);
      const key = randomBytes(32);
      await writeFile(path, encodeKey(key));
      await chmod(path, mode);
      const e = await errorOfAsync(loadMasterKey({ env: {}, dataDir }));
      expect(e.code).toBe('usage');
      expect(e.message).toContain(path);
      expect(e.message).toContain(mode.toString(8));
      expect(e.hint).toContain(`chmod 600 ${path}`);
      expect(e.message + e.hint).not.toContain(key.toString('base64'));
    },
  );

  it('refuses a key file of the wrong length or content', async () => {
    for (const content of [
      encodeKey(randomBytes(16)),
      encodeKey(randomBytes(64)),
      '',
      randomBytes(32).toString('binary'),
      'not a key\n',
    ]) {
      const dataDir = freshDataDir();
      await mkdir(dataDir);
      const path = join(dataDir, KEY_FILE_NAME);
      await writeFile(path, content, { mode: 0o600 });
      const e = await errorOfAsync(loadMasterKey({ env: {}, dataDir }));
      expect(e.code).toBe('usage');
      expect(e.message).toContain(path);
      expect(e.message).toContain('32 bytes');
      // It must not be silently replaced: the data encrypted with it would be lost.
      expect(await readFile(path, 'utf8')).toBe(content);
    }
  });

  it('refuses a key path that is a directory', async () => {
    const dataDir = freshDataDir();
    await mkdir(join(dataDir, KEY_FILE_NAME), { recursive: true });
    const e = await errorOfAsync(loadMasterKey({ env: {}, dataDir }));
    expect(e.message).toContain('not a regular file');
  });

  it('explains a data directory that cannot be created', async () => {
    const parent = freshDataDir();
    await writeFile(parent, 'a file, not a directory');
    const e = await errorOfAsync(loadMasterKey({ env: {}, dataDir: join(parent, 'data') }));
    expect(e.code).toBe('usage');
    expect(e.message).toContain(join(parent, 'data'));
  });
});

describe('deriveKey', () => {
  /** HKDF-SHA256 written out from RFC 5869 (empty salt = 32 zero bytes), for one output block. */
  function referenceHkdf(ikm: Buffer, info: string): Buffer {
    const prk = createHmac('sha256', Buffer.alloc(32)).update(ikm).digest();
    return createHmac('sha256', prk)
      .update(Buffer.concat([Buffer.from(info), Buffer.from([1])]))
      .digest();
  }

  it('is HKDF-SHA256 of the master key and the info label', () => {
    const master = randomBytes(32);
    for (const info of Object.values(KEY_INFO)) {
      expect(deriveKey(master, info).equals(referenceHkdf(master, info))).toBe(true);
    }
  });

  it('gives distinct 32-byte keys per purpose and per master key, deterministically', () => {
    const master = randomBytes(32);
    const derived = Object.values(KEY_INFO).map((info) => deriveKey(master, info).toString('hex'));
    expect(new Set(derived).size).toBe(Object.values(KEY_INFO).length);
    expect(deriveKey(master, KEY_INFO.auditHmac).length).toBe(32);
    expect(
      deriveKey(master, KEY_INFO.auditHmac).equals(deriveKey(master, KEY_INFO.auditHmac)),
    ).toBe(true);
    expect(
      deriveKey(randomBytes(32), KEY_INFO.auditHmac).equals(deriveKey(master, KEY_INFO.auditHmac)),
    ).toBe(false);
    expect(derived).not.toContain(master.toString('hex'));
  });

  it('rejects a master key of the wrong size and an empty label', () => {
    expect(() => deriveKey(randomBytes(16), KEY_INFO.cookie)).toThrow(RangeError);
    expect(() => deriveKey(randomBytes(32), '')).toThrow(RangeError);
  });
});
