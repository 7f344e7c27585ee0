/**
 * Speakers of a session transcribed from audio: each `Speaker N`, how long they spoke, and their
 * role (clinician, client, other) as inferred from what they said. The note's author can correct
 * a role while the note is a draft: the server re-reads the transcript with the corrected roles,
 * analyses it again and writes the draft again (after a confirmation: edits are replaced).
 * Shows nothing for a session whose transcript was typed or pasted.
 */
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import type { SpeechTranscript } from '../../types';
import { ConfirmDialog } from '../../components/confirm';
import { ErrorBox, useAnnounce } from '../../ui';

type SpeakerRole = 'clinician' | 'client' | 'other';

const ROLE_WORDS: Record<SpeakerRole, string> = {
  clinician: 'Clinician',
  client: 'Client',
  other: 'Other',
};

function asRole(r: string): SpeakerRole {
  return r === 'clinician' || r === 'client' ? r : 'other';
}

function duration(seconds: number): string {
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return m > 0 ? `${String(m)} min ${String(s % 60)} s` : `${String(s)} s`;
}

export function SpeakersPanel({
  sessionId,
  editable,
  onRelabelled,
}: {
  sessionId: string;
  /** The author's draft: roles can be changed. */
  editable: boolean;
  onRelabelled: () => void;
}) {
  const [speech, setSpeech] = useState<SpeechTranscript | null>(null);
  const [roles, setRoles] = useState<Record<string, SpeakerRole>>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const announce = useAnnounce();

  useEffect(() => {
    let live = true;
    // The speakers come with the transcript: asked for (and audited) once, when the panel opens.
    api.capture(sessionId, { segments: true }).then(
      ({ capture }) => {
        if (!live || !capture.speech) return;
        setSpeech(capture.speech);
        setRoles(Object.fromEntries(capture.speech.speakers.map((s) => [s.label, asRole(s.role)])));
      },
      (e: unknown) => {
        // 404: the transcript was not from audio; nothing to show.
        if (live && !(e instanceof ApiError && e.status === 404)) setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [sessionId]);

  if (speech === null) return error !== null ? <ErrorBox error={error} /> : null;
  const changed = speech.speakers.some((s) => roles[s.label] !== asRole(s.role));

  async function apply() {
    setBusy(true);
    setError(null);
    try {
      await api.relabelSpeakers(sessionId, roles);
      setConfirming(false);
      announce('Speaker roles changed; the draft note was written again.');
      onRelabelled();
    } catch (e) {
      setError(e);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card speakers-panel" aria-labelledby="speakers-title">
      <h2 id="speakers-title">Speakers</h2>
      <p className="field-hint">
        Told apart from the recording (
        {speech.diarization === 'channels'
          ? 'one per channel'
          : speech.diarization === 'clustering'
            ? 'by voice'
            : 'not separated'}
        ); roles from what each said.
        {speech.quality === 'draft'
          ? ' Draft-quality transcription (offline engine): check the transcript.'
          : ''}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Speaker</th>
            <th scope="col">Speech</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {speech.speakers.map((s) => {
            const id = `speaker-role-${s.label.replace(/\W+/g, '-')}`;
            return (
              <tr key={s.label}>
                <th scope="row">
                  <label htmlFor={id}>{s.label}</label>
                </th>
                <td>{duration(s.seconds)}</td>
                <td>
                  <select
                    id={id}
                    value={roles[s.label] ?? 'other'}
                    disabled={!editable || busy}
                    onChange={(e) => {
                      setRoles((r) => ({ ...r, [s.label]: asRole(e.target.value) }));
                    }}
                  >
                    {(Object.keys(ROLE_WORDS) as SpeakerRole[]).map((r) => (
                      <option key={r} value={r}>
                        {ROLE_WORDS[r]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ErrorBox error={error} />
      {editable ? (
        <div className="form-actions">
          <button
            type="button"
            disabled={!changed || busy}
            onClick={() => {
              setConfirming(true);
            }}
          >
            Apply speaker roles
          </button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title="Change the speakers' roles?"
        onClose={() => {
          setConfirming(false);
        }}
        confirmLabel="Change roles and rewrite the draft"
        onConfirm={() => void apply()}
        busy={busy}
      >
        <p>
          This regenerates the draft from the transcript with these roles; your edits will be
          replaced.
        </p>
      </ConfirmDialog>
    </section>
  );
}
