/** Asking before a step: the row of Confirm and Cancel buttons, and a dialog built on it. */
import type { ReactNode } from 'react';
import { Dialog } from '../ui';

interface ConfirmActionsProps {
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Default "Cancel". Cancel is where the focus starts in the dialog. */
  cancelLabel?: string;
  /** Cancel before the confirm button (reading and Tab order), e.g. before an irreversible step. */
  cancelFirst?: boolean;
  /** While true the confirm button is disabled. */
  busy?: boolean;
}

export function ConfirmActions({
  confirmLabel,
  onConfirm,
  onCancel,
  cancelLabel = 'Cancel',
  cancelFirst = false,
  busy,
}: ConfirmActionsProps) {
  const cancel = (
    <button type="button" className="button-secondary" onClick={onCancel} data-autofocus>
      {cancelLabel}
    </button>
  );
  return (
    <div className="form-actions">
      {cancelFirst ? cancel : null}
      <button type="button" onClick={onConfirm} disabled={busy}>
        {confirmLabel}
      </button>
      {cancelFirst ? null : cancel}
    </div>
  );
}

interface ConfirmDialogProps extends Omit<ConfirmActionsProps, 'onCancel'> {
  open: boolean;
  title: string;
  /** Closing the dialog (Escape) and Cancel. */
  onClose: () => void;
  /** What the step does: shown above the buttons. */
  children: ReactNode;
}

/** A modal dialog that asks before a step; Cancel (or Escape) closes it. */
export function ConfirmDialog({ open, title, onClose, children, ...actions }: ConfirmDialogProps) {
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      {children}
      <ConfirmActions {...actions} onCancel={onClose} />
    </Dialog>
  );
}
