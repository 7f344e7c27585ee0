/**
 * Unsaved changes of a form (the treatment plan, the safety plan): while `dirty`, leaving the
 * screen asks first in an in-page dialog (and the browser asks before the page unloads).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../components/confirm';
import { setLeaveGuard } from '../../nav';

export function useLeaveGuard(dirty: boolean, what: string): ReactNode {
  const [leaving, setLeaving] = useState<(() => void) | null>(null);
  useEffect(() => {
    if (!dirty) return;
    setLeaveGuard((proceed) => {
      setLeaving(() => proceed);
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
  }, [dirty]);
  return (
    <ConfirmDialog
      open={leaving !== null}
      title="Leave without saving?"
      confirmLabel="Leave without saving"
      cancelLabel="Stay"
      cancelFirst
      onClose={() => {
        setLeaving(null);
      }}
      onConfirm={() => {
        const go = leaving;
        setLeaving(null);
        go?.();
      }}
    >
      <p>The changes to {what} are not saved.</p>
    </ConfirmDialog>
  );
}
