/** Shared building blocks: error display, fields, status badges, dialogs, live announcements. */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { describeError } from './api';
import { NOTE_STATUS_LABELS, type NoteStatusKey } from './format';

/** An error from a request or a check, with what to do about it. Announced when it appears. */
export function ErrorBox({ error, title }: { error: unknown; title?: string }) {
  if (error === null || error === undefined) return null;
  const view =
    typeof error === 'string' ? { message: error, issues: [] as const } : describeError(error);
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">
        {title !== undefined ? <strong>{title} </strong> : null}
        {view.message}
      </p>
      {'hint' in view && view.hint !== undefined ? <p>{view.hint}</p> : null}
      {view.issues.length > 0 ? (
        <ul>
          {view.issues.map((i, n) => (
            <li key={n}>
              {i.label !== '' ? <strong>{i.label}: </strong> : null}
              {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Problems({ items }: { items: string[] }) {
  if (items.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert">
      <ul>
        {items.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

export function StatusBadge({ status }: { status: NoteStatusKey }) {
  return <span className={`badge badge-${status}`}>{NOTE_STATUS_LABELS[status]}</span>;
}

/** What a field gives its control: the id its label names, its hint and error, and its state. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

interface FieldProps {
  label: string;
  hint?: string;
  /** The problem with this field (e.g. the API's issue for it): shown, tied and marked invalid. */
  error?: string | undefined;
  children: (props: FieldControlProps) => ReactNode;
  className?: string | undefined;
}

/** A labelled form control with an optional hint and error tied to it by aria-describedby. */
export function Field({ label, hint, error, children, className }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasError = error !== undefined && error !== '';
  const described = [hint !== undefined ? hintId : '', hasError ? errorId : '']
    .filter((x) => x !== '')
    .join(' ');
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint !== undefined ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {hasError ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
      {children({
        id,
        ...(described !== '' ? { 'aria-describedby': described } : {}),
        ...(hasError ? { 'aria-invalid': true as const } : {}),
      })}
    </div>
  );
}

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/**
 * Shows the native <dialog> (the `ref`) as a modal while `open` and closes it after; remembers in
 * `opener` what had the focus before. Focus starts on `[data-autofocus]` (e.g. Cancel before an
 * irreversible step).
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
      d.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);
  return { ref, opener };
}

/**
 * A modal dialog (native <dialog> with showModal: the page behind is inert, so focus stays in
 * it; Escape closes). Focus starts on `[data-autofocus]` (else the first control) and returns to
 * what opened it.
 */
export function Dialog({ open, title, onClose, children }: DialogProps) {
  const { ref, opener } = useModalDialog(open);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const onDialogClose = () => {
      const el = opener.current;
      if (el instanceof HTMLElement) el.focus();
      onClose();
    };
    d.addEventListener('close', onDialogClose);
    return () => {
      d.removeEventListener('close', onDialogClose);
    };
  }, [onClose]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId}>
      {open ? (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}

// ── Live announcements (aria-live) ───────────────────────────────────────────

const AnnounceContext = createContext<(message: string) => void>(() => undefined);

/** One polite live region for the whole app; `useAnnounce()` speaks a short status. */
export function AnnounceProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const announce = useCallback((m: string) => {
    // clear first so the same message twice is spoken twice
    setMessage('');
    window.setTimeout(() => {
      setMessage(m);
    }, 50);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

// ── Loading data ─────────────────────────────────────────────────────────────

export type Load<T> =
  { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: T };

/** Run `fn` when `key` changes; `reload()` runs it again. Late answers of old keys are ignored. */
export function useLoad<T>(
  fn: () => Promise<T>,
  key: string,
): [Load<T>, () => void, (d: T) => void] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    let live = true;
    setLoad((l) => (l.state === 'ready' ? l : { state: 'loading' }));
    fnRef.current().then(
      (data) => {
        if (live) setLoad({ state: 'ready', data });
      },
      (error: unknown) => {
        if (live) setLoad({ state: 'error', error });
      },
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => {
    setTick((t) => t + 1);
  }, []);
  const set = useCallback((data: T) => {
    setLoad({ state: 'ready', data });
  }, []);
  return [load, reload, set];
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

/** What a `useLoad` shows until its data is there: "Loading …", or the error; nothing once ready. */
export function LoadStatus({ load, what }: { load: Load<unknown>; what: string }) {
  if (load.state === 'loading') return <Loading what={what} />;
  if (load.state === 'error') return <ErrorBox error={load.error} />;
  return null;
}

/** The screen's title: focused when the screen opens, so screen readers announce it. */
export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <h1 tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

/** Save bytes as a file through a temporary link (object URL; no inline script needed). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
