import { DocscribError, isDocscribError } from '../../core/errors.js';
import type { Ctx } from './db.js';
import { aad } from './util.js';

/** The `settings` row holding a constant sealed with the key the database was set up with. */
export const KEY_CHECK_SETTING = 'store.key_check';
const KEY_CHECK_TEXT = 'docscrib-key-check-v1';

/**
 * Refuse a key the database was not set up with, before anything is written with it. The first
 * start seals a constant into `settings`; every later start (any process) must open it. Without
 * this, a process started with another key (say, DOCSCRIB_ENCRYPTION_KEY forgotten on one of
 * several API processes, so it made its own key file) would serve: its writes could not be read by
 * the others, a list holding one of them would fail for everyone, and its audit entries would
 * break the HMAC chain for good.
 */
export async function checkKey(ctx: Ctx): Promise<void> {
  const where = aad('settings', KEY_CHECK_SETTING, 'value');
  await ctx.db
    .insertInto('settings')
    .values({ key: KEY_CHECK_SETTING, value: ctx.cipher.seal(KEY_CHECK_TEXT, where) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', KEY_CHECK_SETTING)
    .executeTakeFirstOrThrow();
  let text: string;
  try {
    text = ctx.cipher.open(row.value, where);
  } catch (e) {
    if (!isDocscribError(e) || e.code !== 'decrypt_failed') throw e;
    throw new DocscribError(
      'usage',
      `The encryption key does not match this database (${e.message}). Nothing was written.`,
      'Start every process that shares the database with the key it was set up with: the same DOCSCRIB_ENCRYPTION_KEY, or the key file from the data directory of its first start.',
    );
  }
  if (text !== KEY_CHECK_TEXT) {
    throw new DocscribError(
      'usage',
      `The key check in this database's settings (${KEY_CHECK_SETTING}) holds an unexpected value.`,
      'The database was changed outside DocScrib: restore it from a backup.',
    );
  }
}
