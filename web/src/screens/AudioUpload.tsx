/**
 * "Or an audio recording" on the new-session screen: the file (wav, mp3, m4a, ogg, webm, flac) is
 * sent to the server (`PUT /api/sessions/:id/audio` after the session is created with consent),
 * which transcribes it in the background; this page shows the upload's progress, then polls
 * `GET /api/sessions/:id/capture` (queued → transcribing n % → writing the note) until the draft
 * note exists.
 */
import { useRef, useState } from 'react';
import { api, ApiError } from '../api';
import type { CaptureState, CaptureView, NoteFormat, SessionDetails } from '../types';
import { Field } from '../ui';

export const AUDIO_ACCEPT =
  '.wav,.mp3,.m4a,.ogg,.oga,.opus,.webm,.flac,audio/wav,audio/x-wav,audio/mpeg,audio/mp4,audio/x-m4a,audio/ogg,audio/webm,audio/flac';

/** How often the capture's status is asked while the server transcribes. */
const POLL_MS = 1000;

export interface AudioUpload {
  file: File | null;
  setFile: (f: File | null) => void;
  /** What is happening, in words (for the status line). */
  status: string;
  /** Create the session, upload, wait for the note; resolves to the note's id. */
  send: (
    clientId: string,
    details: SessionDetails,
    noteFormat: NoteFormat,
    file: File,
  ) => Promise<string>;
}

function percent(f: number): string {
  return `${String(Math.round(f * 100))} %`;
}

/** The status line for a capture being processed. */
export function captureStatusText(c: Pick<CaptureState, 'status' | 'progress'>): string {
  switch (c.status) {
    case 'awaiting_upload':
      return 'Waiting for the audio file…';
    case 'queued':
      return 'Waiting for the transcription to start…';
    case 'transcribing':
      return c.progress !== null ? `Transcribing: ${percent(c.progress)}` : 'Transcribing…';
    case 'drafting':
      return 'Writing the draft note…';
    case 'ready':
      return 'The draft note is ready.';
    case 'failed':
      return 'The transcription failed.';
    case 'recording':
    case 'paused':
      return 'Recording…';
  }
}

export function useAudioUpload(): AudioUpload {
  const [file, setFile] = useState<File | null>(null);
  const [status, setStatus] = useState('');
  const last = useRef('');
  const say = (s: string) => {
    if (s === last.current) return;
    last.current = s;
    setStatus(s);
  };
  return {
    file,
    setFile,
    status,
    send: async (clientId, details, noteFormat, f) => {
      say('Creating the session…');
      const { session } = await api.startCapture(clientId, { details, noteFormat, mode: 'upload' });
      say('Uploading: 0 %');
      let capture: CaptureView = (
        await api.uploadAudio(session.id, f, (p) => {
          say(`Uploading: ${percent(p)}`);
        })
      ).capture;
      for (;;) {
        if (capture.noteId !== null) return capture.noteId;
        if (capture.status === 'failed') {
          say('The transcription failed.');
          const e = capture.error;
          throw new ApiError(
            422,
            e?.code ?? 'failed',
            e?.message ?? 'The recording could not be transcribed.',
            e?.hint,
          );
        }
        say(captureStatusText(capture));
        await new Promise((r) => setTimeout(r, POLL_MS));
        capture = (await api.capture(session.id)).capture;
      }
    },
  };
}

export function AudioUploadField({ upload, disabled }: { upload: AudioUpload; disabled: boolean }) {
  return (
    <Field
      label="Or an audio recording of the session"
      hint={
        upload.file !== null
          ? `${upload.file.name} will be transcribed on the DocScrib server (the transcript above is not used).`
          : 'WAV, MP3, M4A, OGG, WebM or FLAC. Transcribed on the DocScrib server.'
      }
    >
      {(p) => (
        <input
          {...p}
          type="file"
          accept={AUDIO_ACCEPT}
          disabled={disabled}
          onChange={(e) => {
            upload.setFile(e.target.files?.[0] ?? null);
          }}
        />
      )}
    </Field>
  );
}
