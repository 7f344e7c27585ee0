/**
 * Practice settings: one JSON record under one key of the store's `settings` table (plain text:
 * nothing in it is PHI). Every signed-in user reads them (the practice's name is on each exported
 * document); administrators change them. Reads and changes are audited (`read` / `update` of
 * record type `settings`, no content); a change and its entry are one transaction.
 *
 * A stored record is read field by field: a field that no longer fits the schema (an older or
 * newer DocScrib wrote it) falls back to its default instead of failing every export.
 */
import { PracticeSettingsSchema, type PracticeSettings } from '../domain/schemas.js';
import type { Store } from '../store/port.js';
import { enforce, type Actor } from './access.js';
import { audit, type AuditDeps } from './audit.js';

/** The `settings` key the practice record is stored under. */
export const PRACTICE_SETTINGS_KEY = 'practice.settings';

/** The record id in audit entries (there is one practice record). */
export const PRACTICE_SETTINGS_RECORD_ID = 'practice';

/** What a practice that never saved its settings has. */
export const DEFAULT_PRACTICE_SETTINGS: PracticeSettings = Object.freeze(
  PracticeSettingsSchema.parse({}),
);

export interface SettingsDeps extends AuditDeps {
  store: Pick<Store, 'settings' | 'audit' | 'transaction'>;
}

/** The stored settings (defaults where nothing, or nothing usable, is stored). Not audited. */
export async function readPracticeSettings(
  store: Pick<Store, 'settings'>,
): Promise<PracticeSettings> {
  const raw = await store.settings.get(PRACTICE_SETTINGS_KEY);
  if (raw === undefined) return { ...DEFAULT_PRACTICE_SETTINGS };
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    stored = {};
  }
  const record =
    stored !== null && typeof stored === 'object' && !Array.isArray(stored)
      ? (stored as Record<string, unknown>)
      : {};
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(PracticeSettingsSchema.shape)) {
    const field = schema.safeParse(record[key]);
    const value = field.success ? field.data : schema.parse(undefined);
    if (value !== undefined) out[key] = value;
  }
  return out as PracticeSettings;
}

/**
 * The practice's co-sign rule, in one place: a note by `authorId` needs their supervisor's
 * co-signature when the author has a supervisor now and the practice requires co-signs for
 * supervisees (`requireCosignForSupervisees`). Signing decides it (NoteService.sign, inside its
 * transaction: pass `tx`); drafts show what signing now would decide.
 */
export async function cosignRequiredFor(
  repos: Pick<Store, 'users' | 'settings'>,
  authorId: string,
): Promise<boolean> {
  const author = await repos.users.get(authorId);
  if (author?.supervisorId == null) return false;
  return (await readPracticeSettings(repos)).requireCosignForSupervisees;
}

/** An optional text field left empty is no value at all. */
function withoutEmpty(s: PracticeSettings): PracticeSettings {
  const out: PracticeSettings = {
    practiceName: s.practiceName,
    timezone: s.timezone,
    requireCosignForSupervisees: s.requireCosignForSupervisees,
    speech: s.speech,
    crisisResources: s.crisisResources,
  };
  if (s.address !== undefined && s.address !== '') out.address = s.address;
  if (s.phone !== undefined && s.phone !== '') out.phone = s.phone;
  if (s.npi !== undefined && s.npi !== '') out.npi = s.npi;
  return out;
}

export class SettingsService {
  constructor(private readonly deps: SettingsDeps) {}

  /** The practice settings (any signed-in user). */
  async get(actor: Actor): Promise<PracticeSettings> {
    enforce(actor, 'read', { type: 'settings' });
    const settings = await readPracticeSettings(this.deps.store);
    await audit(this.deps, this.deps.store, actor, 'read', 'settings', PRACTICE_SETTINGS_RECORD_ID);
    return settings;
  }

  /** Replace the practice settings (administrators); `input` is the validated PUT body. */
  async update(actor: Actor, input: PracticeSettings): Promise<PracticeSettings> {
    enforce(actor, 'write', { type: 'settings' });
    const settings = withoutEmpty(PracticeSettingsSchema.parse(input));
    await this.deps.store.transaction(async (tx) => {
      await tx.settings.put(PRACTICE_SETTINGS_KEY, JSON.stringify(settings));
      await audit(this.deps, tx, actor, 'update', 'settings', PRACTICE_SETTINGS_RECORD_ID);
    });
    return settings;
  }
}
