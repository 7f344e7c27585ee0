/** Shared by tests only (excluded from the build): catching the typed errors the core throws. */
import { DocscribError } from './errors.js';

/** The DocscribError that `fn` throws; any other outcome fails the test. */
export function errorOf(fn: () => unknown): DocscribError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DocscribError) return e;
    throw e;
  }
  throw new Error('expected a DocscribError');
}

/** The DocscribError that the promise rejects with; any other outcome fails the test. */
export async function errorOfAsync(p: Promise<unknown>): Promise<DocscribError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DocscribError) return e;
    throw e;
  }
  throw new Error('expected a DocscribError');
}
