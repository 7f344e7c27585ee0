/**
 * What the client page's session table shows for a session's audio (the "Audio" column): a link
 * to continue a recording only for the clinician whose session it is (the recording socket
 * refuses anyone else, a supervisor included), the note once there is one, otherwise the status
 * in words.
 */
import { routeHref } from '../../router';
import type { CaptureSummary } from '../../types';
import { captureStatusText } from '../AudioUpload';

export interface CaptureCellView {
  text: string;
  /** Where the cell links to; null for plain text. */
  href: string | null;
}

export function captureCellView(
  capture: CaptureSummary | undefined,
  sessionId: string,
  own: boolean,
): CaptureCellView {
  if (!capture) return { text: 'None', href: null };
  if (capture.status === 'recording' || capture.status === 'paused') {
    const paused = capture.status === 'paused';
    return own
      ? {
          text: `Continue recording${paused ? ' (paused)' : ''}`,
          href: routeHref({ name: 'liveSession', sessionId }),
        }
      : { text: paused ? 'Recording (paused)' : 'Recording…', href: null };
  }
  if (capture.noteId !== null) {
    return {
      text: `${capture.mode === 'live' ? 'Recorded' : 'Uploaded'}: open the note`,
      href: routeHref({ name: 'note', noteId: capture.noteId }),
    };
  }
  return { text: captureStatusText(capture), href: null };
}
