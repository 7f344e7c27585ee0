/**
 * What the questionnaire page tells a client when something is wrong, in plain words: a link that
 * no longer works (expired, used, revoked, or never valid: the server does not say which, and
 * neither do we), too many tries (when to try again), no connection, or a missing code in the
 * address. Pure.
 */
import { RespondError } from './model';

export interface Problem {
  title: string;
  text: string;
  /** A second line: what to do. */
  hint?: string;
}

export const LINK_INVALID: Problem = {
  title: 'This link no longer works',
  text: 'This link has expired or was already used; ask your clinician for a new one.',
  hint: 'For your safety each link works only once and only for a few days.',
};

/** "try again in 3 minutes" (at least one minute). */
export function minutesText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The problem to show for an error of opening or submitting. */
export function problemFor(e: unknown): Problem {
  if (e instanceof RespondError) {
    if (e.code === 'link_invalid' || e.status === 404 || e.status === 410) return LINK_INVALID;
    if (e.code === 'throttled' || e.status === 429) {
      return {
        title: 'Too many tries',
        text:
          e.retryAfter !== undefined
            ? `Please try again in ${minutesText(e.retryAfter)}.`
            : 'Please wait a few minutes, then try again.',
        hint: 'Your answers on this page are kept while it stays open.',
      };
    }
    if (e.status === 0 && e.code === 'network') {
      return {
        title: 'No connection',
        text: 'Could not reach the practice’s server.',
        hint: 'Check your internet connection, then try again.',
      };
    }
    if (e.status === 400) {
      return {
        title: 'The answers could not be accepted',
        text: 'Something in the answers did not fit the questionnaire.',
        hint: 'Check that every question has one answer, then try again.',
      };
    }
  }
  return {
    title: 'Something went wrong',
    text: 'The questionnaire could not be loaded or sent.',
    hint: 'Try again in a moment. If it keeps happening, tell your clinician.',
  };
}

/** The address had no code (e.g. the page was reloaded after the code was removed from it). */
export const NO_TOKEN: Problem = {
  title: 'Open the link from your message',
  text: 'This page needs the full link your clinician sent you.',
  hint: 'For your privacy the code in the link is removed from the address bar once the page opens, so reloading the page shows this message. Open the link from your message again.',
};

/** The address had something after `#`, but not a code a link could hold. */
export const BAD_TOKEN: Problem = {
  title: 'This link is not complete',
  text: 'The link seems to be cut short or changed.',
  hint: 'Copy the whole link from your message, or ask your clinician for a new one.',
};
