import { describe, expect, it } from 'vitest';
import type { PublicQuestionnaire } from '../../../src/server/domain/care.js';
import { LINK_INVALID, NO_TOKEN, minutesText, problemFor } from './messages';
import {
  classifyHash,
  contactLinks,
  isQuestionnaire,
  missingMessage,
  noteMentionsClinician,
  progressText,
  questionsOf,
  raisesAlert,
  readSubmitResult,
  readToken,
  RespondError,
  retryAfterSeconds,
  submitBody,
  unanswered,
} from './model';

const TOKEN = 'Ab3_x-9QwErTyUiOpAsDfGhJkL012345';

const OPTIONS = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
];

function questionnaire(): PublicQuestionnaire {
  return {
    practiceName: 'Harbourview',
    expiresAt: '2030-01-01T00:00:00.000Z',
    instruments: [
      {
        id: 'phq9',
        name: 'PHQ-9',
        stem: 'Over the last 2 weeks…',
        items: [
          { id: 'a', text: 'Little interest', alertFrom: null },
          { id: 'b', text: 'Feeling down', alertFrom: null },
          { id: 'c', text: 'Better off dead', alertFrom: 1 },
        ],
        answerOptions: OPTIONS,
      },
      {
        id: 'gad7',
        name: 'GAD-7',
        stem: 'Over the last 2 weeks…',
        items: [
          { id: 'a', text: 'Nervous', alertFrom: null },
          { id: 'b', text: 'Worry', alertFrom: null },
        ],
        answerOptions: OPTIONS,
      },
    ],
    crisisResources: {
      heading: 'Help now',
      lines: [{ label: 'Lifeline', contact: 'Call 988' }],
      note: '',
    },
  };
}

describe('token from the address fragment', () => {
  it('reads #<token> and #token=<token>, decoded, without punctuation a mailer glued on', () => {
    expect(readToken(`#${TOKEN}`)).toBe(TOKEN);
    expect(readToken(TOKEN)).toBe(TOKEN);
    expect(readToken(`#token=${TOKEN}`)).toBe(TOKEN);
    expect(readToken(`#${TOKEN}).`)).toBe(TOKEN);
    expect(readToken(`#${encodeURIComponent(TOKEN)}%20`)).toBe(TOKEN);
  });

  it('refuses what cannot be a token: short, long, foreign characters, bad escapes', () => {
    expect(readToken('#abc')).toBeNull();
    expect(readToken(`#${'a'.repeat(201)}`)).toBeNull();
    expect(readToken(`#${TOKEN}<script>`)).toBeNull();
    expect(readToken(`#${TOKEN}/x`)).toBeNull();
    expect(readToken('#%E0%A4%A')).toBeNull();
    expect(readToken('#/clients/abc')).toBeNull();
  });

  it('tells no fragment from a bad one', () => {
    expect(classifyHash('')).toEqual({ kind: 'none' });
    expect(classifyHash('#')).toEqual({ kind: 'none' });
    expect(classifyHash('#short')).toEqual({ kind: 'bad' });
    expect(classifyHash(`#${TOKEN}`)).toEqual({ kind: 'token', token: TOKEN });
  });
});

describe('questions and answers', () => {
  it('numbers questions across the forms and says how many are answered', () => {
    const qs = questionsOf(questionnaire());
    expect(qs.map((q) => [q.key, q.number])).toEqual([
      ['phq9:0', 1],
      ['phq9:1', 2],
      ['phq9:2', 3],
      ['gad7:0', 4],
      ['gad7:1', 5],
    ]);
    expect(progressText(2, 5)).toBe('2 of 5 questions answered');
    expect(progressText(0, 1)).toBe('0 of 1 question answered');
  });

  it('lists the unanswered questions by number and builds no body until all are answered', () => {
    const q = questionnaire();
    const qs = questionsOf(q);
    const answers = { 'phq9:0': 0, 'phq9:2': 3, 'gad7:1': 0 };
    const missing = unanswered(qs, answers);
    expect(missing.map((m) => m.number)).toEqual([2, 4]);
    expect(missingMessage(missing)).toBe('Questions 2 and 4 have no answers yet.');
    expect(missingMessage(missing.slice(0, 1))).toBe('Question 2 has no answer yet.');
    expect(missingMessage([...missing, ...missing])).toBe(
      'Questions 2, 4, 2 and 4 have no answers yet.',
    );
    expect(missingMessage([])).toBe('');
    expect(submitBody(TOKEN, q, answers)).toBeNull();
  });

  it('builds the submit body in form order once every question is answered', () => {
    const q = questionnaire();
    const answers = { 'gad7:1': 1, 'phq9:0': 0, 'phq9:1': 3, 'phq9:2': 2, 'gad7:0': 0 };
    expect(submitBody(TOKEN, q, answers)).toEqual({
      token: TOKEN,
      responses: [
        { instrument: 'phq9', answers: [0, 3, 2] },
        { instrument: 'gad7', answers: [0, 1] },
      ],
    });
  });
});

describe("the server's answers", () => {
  it('accepts a questionnaire and refuses shapes the page could not render', () => {
    expect(isQuestionnaire(questionnaire())).toBe(true);
    expect(isQuestionnaire({ ...questionnaire(), instruments: [] })).toBe(false);
    expect(isQuestionnaire(null)).toBe(false);
    const noItems = questionnaire();
    const first = noItems.instruments[0];
    if (first) first.items = [];
    expect(isQuestionnaire(noItems)).toBe(false);
    const badOption = questionnaire();
    const f = badOption.instruments[1];
    if (f) f.answerOptions = [{ value: 0.5, label: 'half' }];
    expect(isQuestionnaire(badOption)).toBe(false);
    const noCrisis: Record<string, unknown> = { ...questionnaire() };
    delete noCrisis.crisisResources;
    expect(isQuestionnaire(noCrisis)).toBe(false);
    const badAlert = questionnaire();
    const item = badAlert.instruments[0]?.items[0];
    if (item) (item as { alertFrom: unknown }).alertFrom = 'yes';
    expect(isQuestionnaire(badAlert)).toBe(false);
  });

  it('knows when an answer given raises a risk alert (the item’s alertFrom or more)', () => {
    const q = questionnaire();
    expect(raisesAlert(q, {})).toBe(false);
    expect(raisesAlert(q, { 'phq9:0': 3, 'phq9:1': 3, 'gad7:0': 3, 'phq9:2': 0 })).toBe(false);
    expect(raisesAlert(q, { 'phq9:2': 1 })).toBe(true);
    expect(raisesAlert(q, { 'phq9:2': 3 })).toBe(true);
  });

  it('reads the submit result with and without crisis resources', () => {
    expect(readSubmitResult({ received: true, crisis: null })).toEqual({ crisis: null });
    const crisis = { heading: 'Help', lines: [{ label: 'L', contact: 'Call 988' }], note: '' };
    expect(readSubmitResult({ received: true, crisis })).toEqual({ crisis });
    expect(readSubmitResult({ received: false, crisis: null })).toBeNull();
    expect(readSubmitResult({ received: true, crisis: { lines: [] } })).toBeNull();
  });

  it('says the clinician was told unless the practice note already does', () => {
    expect(noteMentionsClinician('Your clinician has been told.')).toBe(true);
    expect(noteMentionsClinician('Call your local emergency number.')).toBe(false);
  });
});

describe('crisis contacts as tel:/sms: links', () => {
  it('links the default US lines', () => {
    expect(contactLinks('Call 911 or go to the nearest emergency department')).toEqual([
      { href: 'tel:911', text: 'Call 911' },
    ]);
    expect(contactLinks('Call or text 988, or chat at 988lifeline.org')).toEqual([
      { href: 'tel:988', text: 'Call 988' },
      { href: 'sms:988', text: 'Text 988' },
    ]);
    expect(contactLinks('Text HOME to 741741')).toEqual([
      { href: 'sms:741741?body=HOME', text: 'Text HOME to 741741' },
    ]);
  });

  it('reads formatted and international numbers and leaves text without numbers alone', () => {
    expect(contactLinks('Samaritans: 116 123')).toEqual([
      { href: 'tel:116123', text: 'Call 116 123' },
    ]);
    expect(contactLinks('Phone +44 (0)20 7946 0958 any time')).toEqual([
      { href: 'tel:+442079460958', text: 'Call +44 (0)20 7946 0958' },
    ]);
    expect(contactLinks('Call 1-800-273-8255 or text 741741')).toEqual([
      { href: 'tel:18002738255', text: 'Call 1-800-273-8255' },
      { href: 'sms:741741', text: 'Text 741741' },
    ]);
    expect(contactLinks('Go to the nearest emergency department')).toEqual([]);
    expect(contactLinks('Open 24/7 at 988lifeline.org')).toEqual([]);
  });
});

describe('problems shown to the client', () => {
  it('one message for expired, used, revoked or unknown links', () => {
    expect(problemFor(new RespondError(404, 'link_invalid'))).toBe(LINK_INVALID);
    expect(LINK_INVALID.text).toBe(
      'This link has expired or was already used; ask your clinician for a new one.',
    );
  });

  it('says when to try again after throttling', () => {
    const p = problemFor(new RespondError(429, 'throttled', 150));
    expect(p.text).toBe('Please try again in 3 minutes.');
    expect(minutesText(20)).toBe('1 minute');
    expect(problemFor(new RespondError(429, 'throttled')).text).toMatch(/few minutes/);
  });

  it('reads the error envelope and Retry-After (seconds or a date)', () => {
    const e = RespondError.from(404, { error: { code: 'link_invalid', message: 'm' } });
    expect([e.status, e.code]).toEqual([404, 'link_invalid']);
    expect(RespondError.from(502, '<html>').code).toBe('http_502');
    expect(problemFor(RespondError.from(404, null))).toBe(LINK_INVALID);
    expect(retryAfterSeconds('120')).toBe(120);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(retryAfterSeconds('Tue, 01 Jan 2030 00:05:00 GMT', now)).toBe(300);
    expect(problemFor(new RespondError(0, 'network')).title).toBe('No connection');
  });

  it('has a message for a reloaded page without the code', () => {
    expect(NO_TOKEN.hint).toMatch(/Open the link from your message again/);
    expect(problemFor(new Error('boom')).title).toBe('Something went wrong');
  });
});
