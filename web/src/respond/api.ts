/**
 * The questionnaire page's two requests: `POST /api/respond/open` and `POST /api/respond/submit`,
 * the one-time token in the BODY (never in a URL). No cookies are sent (`credentials: 'omit'`):
 * the client has no session, and a clinician signed in on the same browser stays out of it.
 * Error answers become the app's `ApiError` (code `link_invalid`, `throttled` with Retry-After…).
 */
import type { PublicQuestionnaire } from '../../../src/server/domain/care.js';
import { ApiError, errorFromBody, networkError } from '../api';
import { isQuestionnaire, readSubmitResult, type SubmitBody, type SubmitResult } from './model';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

const badAnswer = (): ApiError =>
  new ApiError(
    0,
    'bad_response',
    'The questionnaire could not be read.',
    'Reload the page from the link in your message; if it keeps happening, tell your clinician.',
  );

async function post(fetchFn: FetchFn, path: string, body: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetchFn(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      body: JSON.stringify(body),
    });
  } catch {
    throw networkError();
  }
  let parsed: unknown = undefined;
  try {
    parsed = await res.json();
  } catch {
    // not JSON: the status speaks for itself
  }
  if (!res.ok) throw errorFromBody(res.status, parsed, res.headers.get('Retry-After'));
  return parsed;
}

/** The forms behind a token (the practice's name, the instruments), nothing about the client. */
export async function openQuestionnaire(
  token: string,
  fetchFn: FetchFn = (i, init) => fetch(i, init),
): Promise<PublicQuestionnaire> {
  const answer = await post(fetchFn, '/api/respond/open', { token });
  if (!isQuestionnaire(answer)) throw badAnswer();
  return answer;
}

/** Send the answers; `crisis` is set when an answer raised a risk alert. */
export async function submitAnswers(
  body: SubmitBody,
  fetchFn: FetchFn = (i, init) => fetch(i, init),
): Promise<SubmitResult> {
  const answer = readSubmitResult(await post(fetchFn, '/api/respond/submit', body));
  if (answer === null) throw badAnswer();
  return answer;
}
