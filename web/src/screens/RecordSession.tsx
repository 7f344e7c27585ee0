/**
 * Record a session live: the session's details and the client's consent (Start stays disabled
 * until consent is confirmed; the server refuses without it too), then the microphone streams to
 * the server (live/link.ts) and the transcript appears as the session goes. Pause, Resume, Stop;
 * on Stop the server writes the draft note and the note editor opens.
 *
 * A network blip loses nothing: frames stay in this page until the server has stored them and
 * are sent again after reconnecting. Reloading the page (or another computer) can continue a
 * recording from the client page (`ContinueRecording`).
 */
import { useCallback, useEffect, useRef, useState, type SubmitEvent } from 'react';
import { api, ApiError } from '../api';
import { FORMAT_LABELS } from '../format';
import { reportRecordingActivity } from '../idle-session';
import { LiveLink, liveUrl, Outbox, type LinkState, type LiveError } from '../live/link';
import { microphoneProblem, openMicrophone, type Microphone } from '../live/recorder';
import { navigate, setLeaveGuard } from '../nav';
import { useBlockLeaving } from '../components/leave-guard';
import { routeHref } from '../router';
import type { NoteFormat, SessionDetails } from '../types';
import type { RecognizedSegment } from '../../../src/speech/schema.js';
import { LabelOptions, SelectField } from '../components/fields';
import { SessionDetailsFieldset, useSessionDetails } from '../components/session-details';
import { useSubmit } from '../components/submit';
import { ErrorBox, PageTitle, useAnnounce, useLoad } from '../ui';

export function RecordSession({ clientId }: { clientId: string }) {
  const [client] = useLoad(() => api.client(clientId), `client:${clientId}`);
  const details = useSessionDetails();
  const [noteFormat, setNoteFormat] = useState<NoteFormat>('soap');
  const [sessionId, setSessionId] = useState<string | null>(null);
  const form = useSubmit();

  async function start(e: SubmitEvent) {
    e.preventDefault();
    const problems = details.problems('confirm the client consented before recording starts.');
    if (problems.length > 0) {
      form.setError(problems.join(' '));
      return;
    }
    await form.run(async () => {
      const d: SessionDetails = details.details();
      const { session } = await api.startCapture(clientId, {
        details: d,
        noteFormat,
        mode: 'live',
      });
      setSessionId(session.id);
    });
  }

  return (
    <section className="narrow-wide">
      <PageTitle>
        Record session
        {client.state === 'ready' ? (
          <span className="subtitle"> for {client.data.client.profile.name}</span>
        ) : null}
      </PageTitle>
      {sessionId === null ? (
        <>
          <p>
            <a href={routeHref({ name: 'client', clientId })}>Back to the client</a>
          </p>
          <form onSubmit={(e) => void start(e)} className="record-form">
            <SessionDetailsFieldset
              form={details}
              hideTimes
              consentLabel="The client consented to this session being recorded and transcribed"
            />
            <SelectField label="Note format" value={noteFormat} onValue={setNoteFormat}>
              <LabelOptions labels={FORMAT_LABELS} />
            </SelectField>
            <ErrorBox error={form.error} />
            <div className="form-actions">
              <button type="submit" disabled={!details.consent || form.busy}>
                {form.busy ? 'Starting…' : 'Start recording'}
              </button>
              {!details.consent ? (
                <p className="field-hint">Recording starts once consent is confirmed.</p>
              ) : null}
            </div>
          </form>
        </>
      ) : (
        <LiveRecorder sessionId={sessionId} autoStart />
      )}
    </section>
  );
}

/** A recording already started (this page was reloaded, or another computer started it). */
export function ContinueRecording({ sessionId }: { sessionId: string }) {
  return (
    <section className="narrow-wide">
      <PageTitle>Record session</PageTitle>
      <LiveRecorder sessionId={sessionId} autoStart={false} />
    </section>
  );
}

type Phase = 'idle' | 'starting' | 'recording' | 'paused' | 'stopping' | 'failed';

const CONNECTION_TEXT: Record<LinkState, string> = {
  connecting: 'Connecting…',
  open: 'Connected',
  reconnecting: 'Reconnecting… audio is kept and will be sent.',
  closed: 'Not connected',
};

function clock(seconds: number): string {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${String(h)}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

function LiveRecorder({ sessionId, autoStart }: { sessionId: string; autoStart: boolean }) {
  const [phase, setPhase] = useState<Phase>('idle');
  const [segments, setSegments] = useState<RecognizedSegment[]>([]);
  const [connection, setConnection] = useState<LinkState>('closed');
  const [quality, setQuality] = useState<'draft' | 'standard' | null>(null);
  const [seconds, setSeconds] = useState(0);
  const [unsent, setUnsent] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const link = useRef<LiveLink | null>(null);
  const mic = useRef<Microphone | null>(null);
  const recorded = useRef(0);
  const announce = useAnnounce();
  const toggle = useRef<HTMLButtonElement>(null);

  const teardown = useCallback(() => {
    const m = mic.current;
    mic.current = null;
    void m?.stop().catch(() => undefined);
    link.current?.close();
    link.current = null;
  }, []);

  useEffect(() => teardown, [teardown]);

  // Leaving the screen while recording would stop it: ask first (the page's own question).
  useBlockLeaving(phase === 'recording' || phase === 'paused', () => {
    setError(
      'The recording is still running: stop it first (Stop writes the note). Leaving this screen would stop the microphone.',
    );
  });

  const start = useCallback(async () => {
    setError(null);
    setPhase('starting');
    const outbox = new Outbox();
    const l = new LiveLink(liveUrl(sessionId, window.location), outbox, {
      onHello: (hello) => {
        setQuality(hello.quality);
        setSegments(hello.segments);
        recorded.current = Math.max(recorded.current, hello.audioSeconds);
        setSeconds(recorded.current);
        setUnsent(outbox.seconds);
        if (hello.status === 'paused') setPhase((p) => (p === 'recording' ? 'paused' : p));
      },
      onSegment: (s) => {
        setSegments((all) => [...all, s]);
      },
      onAck: () => {
        setUnsent(outbox.seconds);
      },
      onState: (s) => {
        setConnection(s);
        if (s === 'reconnecting') announce('Connection lost. Reconnecting; the audio is kept.');
        if (s === 'open') announce('Connected.');
      },
      onDone: (noteId) => {
        setLeaveGuard(null);
        teardown();
        announce('The draft note is ready.');
        navigate({ name: 'note', noteId });
      },
      onError: (e: LiveError, fatal) => {
        setError(e);
        if (fatal) {
          setPhase('failed');
          teardown();
        }
      },
      // Why can the socket not open? The API answers for the same session (a 401 there also
      // sends the app to sign-in); the link stops on a refusal instead of reconnecting.
      probe: () =>
        api.capture(sessionId, { background: true }).then(
          ({ capture }) => ({ ok: true as const, status: capture.status, noteId: capture.noteId }),
          (e: unknown) =>
            e instanceof ApiError
              ? {
                  ok: false as const,
                  httpStatus: e.status,
                  error: { code: e.code, message: e.message, hint: e.hint ?? '' },
                }
              : {
                  ok: false as const,
                  httpStatus: 0,
                  error: { code: 'network', message: 'No answer from the server.', hint: '' },
                },
        ),
    });
    link.current = l;
    l.start();
    try {
      mic.current = await openMicrophone((samples) => {
        recorded.current += samples.length / 16_000;
        setSeconds(recorded.current);
        l.sendFrame(samples);
        setUnsent(l.outbox.seconds);
        reportRecordingActivity();
      });
    } catch (e) {
      teardown();
      setPhase('failed');
      setError(microphoneProblem(e));
      return;
    }
    setPhase('recording');
    announce('Recording.');
  }, [sessionId, announce, teardown]);

  // The button that started the recording (Start, Continue, Try again) is gone once it runs:
  // the keyboard's focus would fall to the page, so it goes to Pause instead.
  useEffect(() => {
    if (phase !== 'recording') return;
    const focused = document.activeElement;
    if (focused === null || focused === document.body) toggle.current?.focus();
  }, [phase]);

  const started = useRef(false);
  useEffect(() => {
    if (!autoStart || started.current) return;
    started.current = true;
    void start();
  }, [autoStart, start]);

  async function pause() {
    await mic.current?.pause();
    link.current?.pause();
    setPhase('paused');
    announce('Paused.');
  }

  function resume() {
    mic.current?.resume();
    link.current?.resume();
    setPhase('recording');
    announce('Recording.');
  }

  async function stop() {
    setPhase('stopping');
    announce('Stopping; writing the draft note…');
    const m = mic.current;
    mic.current = null;
    await m?.stop().catch(() => undefined);
    link.current?.stop();
  }

  const recording = phase === 'recording' || phase === 'paused';
  return (
    <div className="live-recorder">
      {quality === 'draft' ? (
        <p className="badge badge-draft-quality">
          Draft-quality transcription (offline engine): check the transcript
        </p>
      ) : null}
      <div className="record-status">
        <p className="record-timer" aria-label={`Recorded ${clock(seconds)}`}>
          <span aria-hidden="true" className={phase === 'recording' ? 'rec-dot' : 'rec-dot idle'} />
          {clock(seconds)}
        </p>
        <p className="record-phase">
          {phase === 'recording'
            ? 'Recording'
            : phase === 'paused'
              ? 'Paused'
              : phase === 'stopping'
                ? 'Writing the draft note…'
                : phase === 'starting'
                  ? 'Starting the microphone…'
                  : phase === 'failed'
                    ? 'Stopped'
                    : 'Not recording'}
        </p>
        <p className={`connection connection-${connection}`} role="status">
          {phase === 'idle' ? '' : CONNECTION_TEXT[connection]}
          {unsent >= 2 && connection !== 'open'
            ? ` ${clock(unsent)} of audio waiting to be sent.`
            : ''}
        </p>
      </div>
      <ErrorBox error={error} />
      <div className="form-actions record-actions">
        {phase === 'idle' || phase === 'failed' ? (
          <button type="button" onClick={() => void start()}>
            {phase === 'failed' ? 'Try again' : 'Continue recording'}
          </button>
        ) : null}
        {recording ? (
          // One button for Pause and Resume, so the focus stays on it when it changes.
          <button
            ref={toggle}
            type="button"
            className="button-secondary"
            onClick={phase === 'recording' ? () => void pause() : resume}
          >
            {phase === 'recording' ? 'Pause' : 'Resume'}
          </button>
        ) : null}
        {recording ? (
          <button type="button" onClick={() => void stop()}>
            Stop and write the note
          </button>
        ) : null}
      </div>
      <section className="live-transcript" aria-labelledby="live-transcript-title">
        <h2 id="live-transcript-title">Live transcript</h2>
        {segments.length === 0 ? (
          <p className="field-hint">The words appear here as they are recognised.</p>
        ) : null}
        <ol className="live-segments" aria-live="polite" aria-relevant="additions">
          {segments.map((s, i) => (
            <li key={`${String(s.start)}-${String(i)}`}>
              <span className="segment-time">{clock(s.start)}</span> {s.text}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
