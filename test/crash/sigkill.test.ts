/**
 * Crash safety: the real server on a SQLite data dir is killed with SIGKILL at a random moment
 * while several clients stream writes, then restarted, many times. After every kill the database
 * passes `PRAGMA integrity_check`, and every write the server acknowledged (a 2xx reached the
 * client) is there when read back through the API: after each restart and after a final one.
 * Then the audit log: `docscrib audit verify` finds the chain intact, and every write that
 * happened has exactly its audit entry (an administrator reads them with GET /api/audit).
 *
 * The kill times come from a seeded generator; a failure names the seed
 * (re-run with DOCSCRIB_CRASH_SEED=<seed>).
 */
import * as OTPAuth from 'otpauth';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  ApiClient,
  addUser,
  expectStatus,
  freePort,
  makeUser,
  runDocscrib,
  startServer,
  tempDataDir,
  type RunningServer,
  type TestUser,
} from '../e2e/harness.js';
import { mulberry32 } from '../support/random.js';
import { crashSeed, integrityCheck, useCleanups } from './helpers.js';

const CYCLES = 12;
/** Writers run for a random time in this range before the kill (ms). */
const KILL_AFTER_MS: readonly [number, number] = [150, 900];
const SEED = crashSeed();

interface NoteSentence {
  text: string;
  kind: string;
  evidence: unknown[];
}
interface NoteBody {
  sections: { id: string; sentences: NoteSentence[] }[];
}
interface ProgressNote {
  id: string;
  version: number;
  body: NoteBody;
}

/** The body with one clinician's entry `marker` at the end of the last section. */
function withMarker(base: NoteBody, marker: string): NoteBody {
  const body = structuredClone(base);
  const last = body.sections[body.sections.length - 1];
  if (!last) throw new Error('the draft note has no sections');
  last.sentences.push({ text: marker, kind: 'clinician', evidence: [] });
  return body;
}

/** The marker the note carries (the last sentence written by `withMarker`), if any. */
function markerOf(body: NoteBody): string | null {
  const last = body.sections[body.sections.length - 1]?.sentences.at(-1);
  return last?.kind === 'clinician' && last.text.startsWith('Crash marker') ? last.text : null;
}

interface AuditEntry {
  seq: number;
  action: string;
  recordType: string;
  recordId: string | null;
}

/**
 * Every audit entry, read through the API by an administrator (created with `docscrib user add`),
 * who first enrols the compulsory two-step sign-in with a code computed from the secret.
 */
async function auditEntries(baseUrl: string, admin: TestUser): Promise<AuditEntry[]> {
  const api = new ApiClient(baseUrl);
  await api.login(admin.email, admin.password);
  const { secret } = expectStatus(
    await api.request<{ secret: string }>('POST', '/api/auth/mfa/setup', {
      currentPassword: admin.password,
    }),
    200,
    'admin: MFA setup',
  );
  const code = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  }).generate();
  expectStatus(
    await api.request('POST', '/api/auth/mfa/enable', { code }),
    200,
    'admin: MFA enable',
  );
  const out: AuditEntry[] = [];
  for (;;) {
    const { entries } = expectStatus(
      await api.request<{ entries: AuditEntry[] }>(
        'GET',
        `/api/audit?after=${out.at(-1)?.seq ?? 0}&limit=1000`,
      ),
      200,
      'admin: read the audit log',
    );
    if (entries.length === 0) return out;
    out.push(...entries);
  }
}

/** Record ids of the entries with this action and record type, and how often each occurs. */
function entryCounts(entries: readonly AuditEntry[], action: string, recordType: string) {
  const counts = new Map<string, number>();
  for (const e of entries) {
    if (e.action === action && e.recordType === recordType && e.recordId !== null) {
      counts.set(e.recordId, (counts.get(e.recordId) ?? 0) + 1);
    }
  }
  return counts;
}

describe('crash safety (SIGKILL during writes, SQLite)', () => {
  const defer = useCleanups();

  it(`keeps every acknowledged write and a sound database across ${CYCLES} kills (seed ${SEED})`, async () => {
    const random = mulberry32(SEED);
    const { dir, cleanup } = await tempDataDir();
    defer(cleanup);
    const dbFile = join(dir, 'docscrib.db');
    const port = await freePort();
    const user: TestUser = makeUser('clinician');
    await addUser(dir, user);
    const admin: TestUser = makeUser('admin');
    await addUser(dir, admin);

    // Acknowledged writes (a 2xx response was received).
    const ackedClients = new Map<string, string>(); // id → name
    const ackedProcessNotes = new Map<string, string>(); // id → text
    let ackedNote: { version: number; marker: string | null } = { version: 0, marker: null };
    /** The note update sent but not (yet) acknowledged when the server died, if any. */
    let inFlightNote: { version: number; marker: string } | null = null;
    let writesTotal = 0;

    // Setup: one client with a session (and its draft note), on the first run of the server.
    let server: RunningServer = await startServer({ dataDir: dir, port });
    defer(() => server.stop());
    const api = new ApiClient(server.url);
    await api.login(user.email, user.password);
    const { client: homeClient } = expectStatus(
      await api.request<{ client: { id: string } }>('POST', '/api/clients', {
        profile: { name: 'Crash Home Client' },
      }),
      201,
      'create client',
    );
    ackedClients.set(homeClient.id, 'Crash Home Client');
    const created = expectStatus(
      await api.request<{ note: ProgressNote; session: { id: string } }>(
        'POST',
        `/api/clients/${homeClient.id}/sessions`,
        {
          details: { date: '2025-01-15', consentToRecord: true },
          transcript: {
            text:
              '[00:00:05] Therapist: How has your week been?\n' +
              '[00:00:12] Client: Better. I walked three times like we planned.\n' +
              '[00:00:30] Therapist: That is great progress. Let us keep the walks going.\n',
          },
        },
      ),
      201,
      'create session',
    );
    const noteId = created.note.id;
    const baseBody = created.note.body;
    ackedNote = { version: created.note.version, marker: null };

    /** The note holds the last acknowledged update, or the one in flight at the kill. */
    const readNote = async (when: string): Promise<ProgressNote> => {
      const { note } = expectStatus(
        await api.request<{ note: ProgressNote }>('GET', `/api/notes/${noteId}`),
        200,
        `${when}: read note`,
      );
      const pending = inFlightNote;
      const expected = [
        { version: ackedNote.version, marker: ackedNote.marker },
        ...(pending ? [{ version: pending.version, marker: pending.marker }] : []),
      ];
      expect(
        expected,
        `${when} (seed ${SEED}): the note lost an acknowledged update`,
      ).toContainEqual({ version: note.version, marker: markerOf(note.body) });
      return note;
    };

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // After a restart: acknowledged note state is there, and learn the note's current version.
      const note = await readNote(`cycle ${cycle}`);
      ackedNote = { version: note.version, marker: markerOf(note.body) };
      inFlightNote = null;

      // Stream writes until the kill.
      let alive = true;
      let seq = 0;
      const writers = [
        // two writers creating clients
        ...[0, 1].map((w) => async () => {
          while (alive) {
            const name = `Crash Client ${cycle}-${w}-${seq++}`;
            const res = await api.request<{ client: { id: string } }>('POST', '/api/clients', {
              profile: { name },
            });
            writesTotal++;
            expect(res.status, `create client: ${JSON.stringify(res.body)}`).toBe(201);
            ackedClients.set(res.body.client.id, name);
          }
        }),
        // one writer adding process notes
        async () => {
          while (alive) {
            const text = `Crash process note ${cycle}-${seq++}`;
            const res = await api.request<{ processNote: { id: string } }>(
              'POST',
              `/api/clients/${homeClient.id}/process-notes`,
              { text },
            );
            writesTotal++;
            expect(res.status, `add process note: ${JSON.stringify(res.body)}`).toBe(201);
            ackedProcessNotes.set(res.body.processNote.id, text);
          }
        },
        // one writer saving the note, version after version
        async () => {
          while (alive) {
            const marker = `Crash marker ${cycle}-${seq++}.`;
            const sent = { version: ackedNote.version + 1, marker };
            inFlightNote = sent;
            const res = await api.request<{ note: ProgressNote }>('PUT', `/api/notes/${noteId}`, {
              body: withMarker(baseBody, marker),
              version: ackedNote.version,
            });
            writesTotal++;
            expect(res.status, `save note: ${JSON.stringify(res.body)}`).toBe(200);
            expect(res.body.note.version).toBe(sent.version);
            ackedNote = sent;
            inFlightNote = null;
          }
        },
      ];
      // A request the kill interrupts rejects (connection reset): that write was not acknowledged.
      // Any failure before the kill is a real one.
      const failed: { error: Error | null } = { error: null };
      const streams = writers.map((w) =>
        w().catch((e: unknown) => {
          if (alive) failed.error ??= e instanceof Error ? e : new Error(String(e));
        }),
      );
      const [lo, hi] = KILL_AFTER_MS;
      await sleep(lo + random() * (hi - lo));
      if (failed.error) throw failed.error;
      alive = false;
      await server.kill();
      await Promise.all(streams);

      expect(existsSync(dbFile), 'the SQLite file is at <data>/docscrib.db').toBe(true);
      expect(integrityCheck(dbFile), `cycle ${cycle} (seed ${SEED}): integrity_check`).toBe('ok');

      // Same port, same client: the session cookie (an acknowledged sign-in) still works.
      server = await startServer({ dataDir: dir, port });
    }

    // Final restart: every acknowledged write is there.
    await server.stop();
    expect(integrityCheck(dbFile), `after a clean stop (seed ${SEED})`).toBe('ok');
    server = await startServer({ dataDir: dir, port });

    const { clients } = expectStatus(
      await api.request<{ clients: { id: string; profile: { name: string } }[] }>(
        'GET',
        '/api/clients',
      ),
      200,
      'list clients',
    );
    const present = new Map(clients.map((c) => [c.id, c.profile.name]));
    const lostClients = [...ackedClients].filter(([id, name]) => present.get(id) !== name);
    expect(lostClients, `acknowledged clients missing (seed ${SEED})`).toEqual([]);

    const { processNotes } = expectStatus(
      await api.request<{ processNotes: { id: string; text: string }[] }>(
        'GET',
        `/api/clients/${homeClient.id}/process-notes`,
      ),
      200,
      'list process notes',
    );
    const notesPresent = new Map(processNotes.map((p) => [p.id, p.text]));
    const lostNotes = [...ackedProcessNotes].filter(([id, text]) => notesPresent.get(id) !== text);
    expect(lostNotes, `acknowledged process notes missing (seed ${SEED})`).toEqual([]);

    const finalNote = await readNote('after the final restart');

    // The audit log survived every kill: the chain is intact…
    const verify = await runDocscrib(['audit', 'verify', '--data', dir]);
    expect(
      verify.code,
      `docscrib audit verify (seed ${SEED}): ${verify.stdout}${verify.stderr}`,
    ).toBe(0);
    expect(verify.stdout).toMatch(/chain intact/);
    // …and every write that happened has exactly one entry: none without (a write committed
    // before its entry) and none twice. Every client and process note in the database, not only
    // the acknowledged ones, and one `update` per saved version of the note.
    const entries = await auditEntries(server.url, admin);
    const once = (ids: Iterable<string>) => new Map([...ids].map((id) => [id, 1]));
    expect(entryCounts(entries, 'create', 'client'), `client entries (seed ${SEED})`).toEqual(
      once(present.keys()),
    );
    expect(
      entryCounts(entries, 'create', 'process_note'),
      `process note entries (seed ${SEED})`,
    ).toEqual(once(notesPresent.keys()));
    expect(entryCounts(entries, 'update', 'note'), `note update entries (seed ${SEED})`).toEqual(
      new Map([[noteId, finalNote.version - 1]]),
    );
    expect(entryCounts(entries, 'create', 'note')).toEqual(once([noteId]));
    for (const type of ['session', 'transcript', 'analysis']) {
      expect(entryCounts(entries, 'create', type), `create ${type}`).toEqual(
        once([created.session.id]),
      );
    }

    // The run did exercise the server: writes were acknowledged in (almost) every cycle.
    expect(ackedClients.size).toBeGreaterThan(CYCLES);
    expect(ackedProcessNotes.size).toBeGreaterThan(0);
    expect(ackedNote.version).toBeGreaterThan(1);
    expect(writesTotal).toBeGreaterThan(CYCLES * 4);
  });
});
