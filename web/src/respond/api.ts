/**
 * The questionnaire page's two requests: `POST /api/respond/open` and `POST /api/respond/submit`,
 * the one-time token in the BODY (never in a URL). No cookies are sent (`credentials: 'omit'`):
 * the client has no session, and a clinician signed in on the same browser stays out of it.
 * Error answers become a `RespondError` (status, the envelope's code such as `link_invalid` or
 * `throttled`, and Retry-After in seconds). Nothing here comes from the clinician app's modules,
 * so the page's bundle holds none of the app's code.
 */
import type { PublicQuestionnaire } from '../../../src/server/domain/care.js';
import {
  isQuestionnaire,
  readSubmitResult,
  RespondError,
  retryAfterSeconds,
  type SubmitBody,
  type SubmitResult,
} from './model';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

const badAnswer = (): RespondError => new RespondError(0, 'bad_response');

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
    throw new RespondError(0, 'network');
  }
  let parsed: unknown = undefined;
  try {
    parsed = await res.json();
  } catch {
    // not JSON: the status speaks for itself
  }
  if (!res.ok) {
    throw RespondError.from(res.status, parsed, retryAfterSeconds(res.headers.get('Retry-After')));
  }
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
