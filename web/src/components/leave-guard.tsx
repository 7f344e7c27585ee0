/**
 * Leaving a screen that holds something not yet kept (unsaved changes, a running recording):
 * `useBlockLeaving` stops the hash-route change (the screen decides what to do about it) and has
 * the browser ask before the page unloads; `useLeaveGuard` adds the usual in-page question
 * ("Leave without saving?") and goes on when the person confirms.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ConfirmDialog } from './confirm';
import { setLeaveGuard } from '../nav';

/** While `active`, a route change calls `onAttempt(proceed)` instead of leaving. */
export function useBlockLeaving(active: boolean, onAttempt: (proceed: () => void) => void): void {
  const attempt = useRef(onAttempt);
  attempt.current = onAttempt;
  useEffect(() => {
    if (!active) return;
    setLeaveGuard((proceed) => {
      attempt.current(proceed);
      return false;
    });
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      setLeaveGuard(null);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [active]);
}

interface LeaveQuestion {
  title?: string;
  stayLabel?: string;
  /** The dialog's text, e.g. "The changes to the treatment plan are not saved." */
  message: string;
}

/** While `dirty`, leaving asks first in an in-page dialog (returned: render it). */
export function useLeaveGuard(
  dirty: boolean,
  { title = 'Leave without saving?', stayLabel = 'Stay', message }: LeaveQuestion,
): ReactNode {
  const [leaving, setLeaving] = useState<(() => void) | null>(null);
  useBlockLeaving(dirty, (proceed) => {
    setLeaving(() => proceed);
  });
  const stay = useCallback(() => {
    setLeaving(null);
  }, []);
  return (
    <ConfirmDialog
      open={leaving !== null}
      title={title}
      confirmLabel="Leave without saving"
      cancelLabel={stayLabel}
      cancelFirst
      onClose={stay}
      onConfirm={() => {
        const go = leaving;
        setLeaving(null);
        go?.();
      }}
    >
      <p>{message}</p>
    </ConfirmDialog>
  );
}
