/** The state of a form's (or a button's) request: busy while it runs, the error it ended with. */
import { useCallback, useState } from 'react';

/**
 * What an action returns when it succeeded and its form is going away (another screen, a closed
 * dialog): the submit button stays disabled until then, so the request cannot be sent twice.
 */
export const LEAVING = Symbol('leaving');

export interface Submit {
  busy: boolean;
  /** The error to show (an ApiError, any thrown value, or a sentence from a check); null: none. */
  error: unknown;
  setError: (error: unknown) => void;
  /**
   * Clears the error, runs `action` while busy; an error it throws is kept (and given to
   * `onError`). Busy ends with it, unless it returns `LEAVING`. Resolves to what it returned, or
   * undefined when it failed.
   */
  run: <T>(action: () => Promise<T>, onError?: (error: unknown) => void) => Promise<T | undefined>;
}

export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async <T>(action: () => Promise<T>, onError?: (error: unknown) => void) => {
      setBusy(true);
      setError(null);
      try {
        const result = await action();
        if (result !== LEAVING) setBusy(false);
        return result;
      } catch (err) {
        setError(err);
        onError?.(err);
        setBusy(false);
        return undefined;
      }
    },
    [],
  );
  return { busy, error, setError, run };
}
