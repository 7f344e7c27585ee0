/**
 * The browser side of the idle sign-out (the timing is in idle.ts): activity events, the minute
 * check of `GET /api/auth/session`, the tab becoming visible, other tabs of the same session
 * (a BroadcastChannel carrying only times and "signed out": never PHI), and the warning dialog.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { api, ApiError } from './api';
import {
  browserClock,
  IDLE_TIMEOUT_MS,
  IDLE_WARNING_MS,
  IdleMonitor,
  type CheckResult,
} from './idle';
import type { SessionInfo } from './types';
import { useModalDialog } from './ui';

/** Why the session is over here: no activity for 30 minutes, the server ended it, another tab. */
export type SessionEnd = 'idle' | 'ended' | 'elsewhere';

const CHANNEL = 'docscrib-session';

/**
 * A live recording in progress counts as activity (the clinician is in session, not idle; the
 * server counts the audio frames the same way): the record screen reports it with this event.
 */
const RECORDING_ACTIVITY = 'docscrib:recording';

/** Tell the idle sign-out that audio is being recorded (call it as frames are recorded). */
export function reportRecordingActivity(): void {
  window.dispatchEvent(new Event(RECORDING_ACTIVITY));
}
/** Tell the other tabs about activity at most this often. */
const BROADCAST_EVERY_MS = 15_000;
const ACTIVITY_EVENTS = [
  'pointerdown',
  'pointermove',
  'keydown',
  'wheel',
  'touchstart',
  'scroll',
  RECORDING_ACTIVITY,
] as const;

type Message = { type: 'activity'; at: number } | { type: 'end'; idle: boolean };

function parseMessage(data: unknown): Message | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.type === 'activity' && typeof m.at === 'number' && Number.isFinite(m.at)) {
    return { type: 'activity', at: m.at };
  }
  if (m.type === 'end' && typeof m.idle === 'boolean') return { type: 'end', idle: m.idle };
  return null;
}

export interface IdleSession {
  /** While the warning shows: when the sign-out will happen (clock ms); else null. */
  warningAt: number | null;
  /** "Stay signed in". */
  stay: () => void;
  /**
   * A request answered 401: end the session here (idle or not, as the clock says). False when
   * no session was being watched (already ended, or not started yet).
   */
  sessionEnded: () => boolean;
  /** Signed out with the button: stop watching and tell the other tabs. */
  signedOut: () => void;
}

/**
 * Watches the signed-in session of `userId` (null: nobody signed in). `onEnd` is called once
 * per session with why it ended and the last activity (clock ms); `onSession` with every answer
 * of the minute check.
 */
export function useIdleSignOut(
  userId: string | null,
  onEnd: (why: SessionEnd, lastActivityAt: number) => void,
  onSession?: (s: SessionInfo) => void,
): IdleSession {
  const [warningAt, setWarningAt] = useState<number | null>(null);
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;
  const onSessionRef = useRef(onSession);
  onSessionRef.current = onSession;
  const controls = useRef<{
    stay: () => void;
    sessionEnded: () => boolean;
    signedOut: () => void;
  } | null>(null);

  useEffect(() => {
    if (userId === null) return;
    let live = true;
    const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
    const post = (m: Message) => {
      try {
        channel?.postMessage(m);
      } catch {
        // the channel is closed: nobody to tell
      }
    };

    const finish = (why: SessionEnd, lastActivityAt: number) => {
      if (!live) return;
      live = false;
      setWarningAt(null);
      onEndRef.current(why, lastActivityAt);
    };

    const check = async (active: boolean): Promise<CheckResult> => {
      try {
        const s = await api.authSession({ background: !active });
        if (!live) return 'unknown';
        api.setCsrfToken(s.csrfToken);
        onSessionRef.current?.(s);
        return 'ok';
      } catch (e) {
        return e instanceof ApiError && e.status === 401 ? 'ended' : 'unknown';
      }
    };

    const monitor = new IdleMonitor({
      clock: browserClock,
      check,
      onWarning: (at) => {
        setWarningAt(at);
      },
      onWarningCleared: () => {
        setWarningAt(null);
      },
      onEnd: (reason) => {
        if (reason === 'idle') post({ type: 'end', idle: true });
        finish(reason, monitor.lastActivityAt);
      },
    });
    monitor.start();

    let lastSent = 0;
    const onActivity = () => {
      if (monitor.isWarning) return; // only "Stay signed in" answers the warning
      monitor.activity();
      const now = Date.now();
      if (now - lastSent >= BROADCAST_EVERY_MS) {
        lastSent = now;
        post({ type: 'activity', at: now });
      }
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') monitor.visible();
    };
    const onMessage = (e: MessageEvent) => {
      const m = parseMessage(e.data);
      if (m === null) return;
      if (m.type === 'activity') {
        monitor.remoteActivity(m.at);
      } else {
        monitor.stop();
        finish(m.idle ? 'idle' : 'elsewhere', monitor.lastActivityAt);
      }
    };
    const opts = { capture: true, passive: true } as const;
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, opts);
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('pageshow', onVisible);
    channel?.addEventListener('message', onMessage);

    controls.current = {
      stay: () => {
        monitor.stay();
        lastSent = Date.now();
        post({ type: 'activity', at: lastSent });
      },
      sessionEnded: () => {
        if (!live || !monitor.isRunning) return false;
        const idle = monitor.idleFor() >= IDLE_TIMEOUT_MS - IDLE_WARNING_MS;
        monitor.stop();
        if (idle) post({ type: 'end', idle: true });
        finish(idle ? 'idle' : 'ended', monitor.lastActivityAt);
        return true;
      },
      signedOut: () => {
        live = false;
        monitor.stop();
        post({ type: 'end', idle: false });
      },
    };

    return () => {
      live = false;
      monitor.stop();
      controls.current = null;
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, opts);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('pageshow', onVisible);
      channel?.removeEventListener('message', onMessage);
      channel?.close();
      setWarningAt(null);
    };
  }, [userId]);

  const stay = useCallback(() => controls.current?.stay(), []);
  const sessionEnded = useCallback(() => controls.current?.sessionEnded() ?? false, []);
  const signedOut = useCallback(() => controls.current?.signedOut(), []);
  return { warningAt, stay, sessionEnded, signedOut };
}

/**
 * "You will be signed out in 2 minutes — Stay signed in": a modal alert dialog (announced when
 * it opens; focus on the button; Escape counts as staying, the person is evidently there).
 */
export function IdleWarning({
  signOutAt,
  onStay,
}: {
  signOutAt: number | null;
  onStay: () => void;
}) {
  const titleId = useId();
  const textId = useId();
  const open = signOutAt !== null;
  const { ref, opener } = useModalDialog(open);
  useEffect(() => {
    if (open) return;
    // closed: back to what had the focus, if it is still on the page
    const el = opener.current;
    opener.current = null;
    if (el instanceof HTMLElement && el.isConnected) el.focus();
  }, [open, opener]);
  const at =
    signOutAt === null
      ? ''
      : new Date(signOutAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return (
    <dialog
      ref={ref}
      className="dialog"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(e) => {
        e.preventDefault();
        onStay();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId}>You will be signed out in 2 minutes</h2>
          <p id={textId}>
            DocScrib signs out after 30 minutes without activity, to keep your clients&rsquo;
            records off an unattended screen. Unsaved changes will be lost.
          </p>
          <p className="muted">Signing out at {at}.</p>
          <div className="form-actions">
            <button type="button" data-autofocus onClick={onStay}>
              Stay signed in
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
