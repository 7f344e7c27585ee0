/**
 * The pure parts of the client's questionnaire page (`/respond#<token>`): reading the one-time
 * token from the address's fragment, checking the server's answer, numbering the questions,
 * finding unanswered ones, building the submit body, and turning a crisis line's contact text
 * ("Call or text 988") into tel:/sms: links. No DOM, no requests.
 */
import type { PublicQuestionnaire } from '../../../src/server/domain/care.js';

/** Token characters: URL-safe (base64url and the unreserved ones); 20–200 of them, as the API. */
const TOKEN = /^[A-Za-z0-9_~.-]{20,200}$/;

/**
 * The token in a location's fragment (`#<token>`, or `#token=<token>`), or null when there is
 * none or it cannot be one. Trailing punctuation a mail or chat app glued on is dropped.
 */
export function readToken(hash: string): string | null {
  let raw = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    raw = decodeURIComponent(raw);
  } catch {
    return null;
  }
  raw = raw.trim().replace(/^token=/, '');
  raw = raw.replace(/[)\].,;:!?'"]+$/, '');
  return TOKEN.test(raw) ? raw : null;
}

export type QuestionnaireForm = PublicQuestionnaire['instruments'][number];

/** One question of the page, numbered across all its forms (1-based). */
export interface Question {
  key: string;
  instrument: QuestionnaireForm['id'];
  /** Index in its form's items (the answer's position). */
  index: number;
  /** 1-based number across the whole page. */
  number: number;
  text: string;
}

/** Every question of the page, in order, numbered 1…N across the forms. */
export function questionsOf(q: PublicQuestionnaire): Question[] {
  const out: Question[] = [];
  for (const form of q.instruments) {
    form.items.forEach((item, index) => {
      out.push({
        key: `${form.id}:${index}`,
        instrument: form.id,
        index,
        number: out.length + 1,
        text: item.text,
      });
    });
  }
  return out;
}

/** Answers so far: `<instrument>:<item index>` → the chosen option's value. */
export type Answers = Readonly<Record<string, number>>;

/** The questions not answered yet, in page order. */
export function unanswered(questions: readonly Question[], answers: Answers): Question[] {
  return questions.filter((q) => answers[q.key] === undefined);
}

/** "Question 3 of 9". */
export function questionLabel(number: number, total: number): string {
  return `Question ${number} of ${total}`;
}

/** "5 of 9 questions answered". */
export function progressText(answered: number, total: number): string {
  return `${answered} of ${total} question${total === 1 ? '' : 's'} answered`;
}

/** What to say when some are unanswered: which ones, by number. */
export function missingMessage(missing: readonly Question[]): string {
  if (missing.length === 0) return '';
  const nums = missing.map((q) => String(q.number));
  if (nums.length === 1) return `Question ${nums[0] ?? ''} has no answer yet.`;
  const last = nums.pop() ?? '';
  return `Questions ${nums.join(', ')} and ${last} have no answers yet.`;
}

export interface SubmitBody {
  token: string;
  responses: { instrument: QuestionnaireForm['id']; answers: number[] }[];
}

/**
 * The body of `POST /api/respond/submit` when every question is answered; null while any is not
 * (the page asks for all of them: the instruments' missing-item rules are the server's).
 */
export function submitBody(
  token: string,
  q: PublicQuestionnaire,
  answers: Answers,
): SubmitBody | null {
  const responses: SubmitBody['responses'] = [];
  for (const form of q.instruments) {
    const values: number[] = [];
    for (let i = 0; i < form.items.length; i++) {
      const v = answers[`${form.id}:${i}`];
      if (v === undefined) return null;
      values.push(v);
    }
    responses.push({ instrument: form.id, answers: values });
  }
  return { token, responses };
}

// ── The server's answer ──────────────────────────────────────────────────────

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * Whether `v` has the shape of a PublicQuestionnaire (the page renders nothing it did not check:
 * forms with at least one item and one answer option, each option an integer value with a label).
 */
export function isQuestionnaire(v: unknown): v is PublicQuestionnaire {
  if (!isRecord(v) || !isString(v.practiceName) || !isString(v.expiresAt)) return false;
  if (readCrisis(v.crisisResources) === null) return false;
  if (!Array.isArray(v.instruments) || v.instruments.length === 0) return false;
  return v.instruments.every(
    (f: unknown) =>
      isRecord(f) &&
      isString(f.id) &&
      isString(f.name) &&
      isString(f.stem) &&
      Array.isArray(f.items) &&
      f.items.length > 0 &&
      f.items.every(
        (i: unknown) =>
          isRecord(i) &&
          isString(i.id) &&
          isString(i.text) &&
          (i.alertFrom === null || Number.isInteger(i.alertFrom)),
      ) &&
      Array.isArray(f.answerOptions) &&
      f.answerOptions.length > 0 &&
      f.answerOptions.every(
        (o: unknown) => isRecord(o) && Number.isInteger(o.value) && isString(o.label),
      ),
  );
}

/**
 * Whether an answer given raises a risk alert (PHQ-9 item 9 above "Not at all": the item's
 * `alertFrom` or more). The page then shows the crisis resources if sending fails.
 */
export function raisesAlert(q: PublicQuestionnaire, answers: Answers): boolean {
  return q.instruments.some((form) =>
    form.items.some((item, i) => {
      const v = answers[`${form.id}:${i}`];
      return item.alertFrom !== null && v !== undefined && v >= item.alertFrom;
    }),
  );
}

export interface CrisisLine {
  label: string;
  contact: string;
}
export interface Crisis {
  heading: string;
  lines: CrisisLine[];
  note: string;
}

export interface SubmitResult {
  crisis: Crisis | null;
}

/** Crisis resources as the server sends them, or null when `v` is not that shape. */
function readCrisis(v: unknown): Crisis | null {
  if (!isRecord(v) || !isString(v.heading) || !Array.isArray(v.lines)) return null;
  const lines = v.lines.filter(
    (l: unknown): l is CrisisLine => isRecord(l) && isString(l.label) && isString(l.contact),
  );
  return { heading: v.heading, lines, note: isString(v.note) ? v.note : '' };
}

/** The submit answer (`{ received: true, crisis }`), or null when it is not one. */
export function readSubmitResult(v: unknown): SubmitResult | null {
  if (!isRecord(v) || v.received !== true) return null;
  const c = v.crisis;
  if (c === null || c === undefined) return { crisis: null };
  const crisis = readCrisis(c);
  return crisis === null ? null : { crisis };
}

/** Whether the practice's note already tells the client their clinician knows. */
export function noteMentionsClinician(note: string): boolean {
  return /\bclinician\b/i.test(note);
}

// ── Crisis lines as links ────────────────────────────────────────────────────

export interface ContactLink {
  href: string;
  /** The link's text (its accessible name), e.g. "Call 988", "Text HOME to 741741". */
  text: string;
}

/** A phone number in free text: digits (3+) with spaces, dots, dashes or brackets between. */
const NUMBER = /(?<![\w.])\+?\d(?:[\d().-]|\s(?=[\d(]))*\d(?![\w])|(?<![\w.])\d{3,}(?![\w])/g;

/**
 * tel: and sms: links for the numbers in a crisis line's contact text. The verb before a number
 * decides: "call" → tel, "text" → sms (with the keyword of "Text HOME to 741741" as the body),
 * "call or text" → both; a number with no verb is called. Numbers inside words (988lifeline.org)
 * and ones shorter than 3 digits are not numbers.
 */
export function contactLinks(contact: string): ContactLink[] {
  const links: ContactLink[] = [];
  let from = 0;
  let verbs: { call: boolean; text: boolean } = { call: false, text: false };
  for (const m of contact.matchAll(NUMBER)) {
    const raw = m[0];
    const at = m.index;
    // "+44 (0)20 …": the trunk 0 in brackets is not dialled from abroad.
    const digits = raw.replace(/^(\+\d+)\s*\(0\)/, '$1').replace(/[^\d+]/g, '');
    if (digits.replace('+', '').length < 3) continue;
    const before = contact.slice(from, at);
    const call = /\b(call|phone|ring|dial)\b/i.test(before);
    const text = /\b(text|sms)\b/i.test(before);
    if (call || text) verbs = { call, text };
    else if (!verbs.call && !verbs.text) verbs = { call: true, text: false };
    if (verbs.call) links.push({ href: `tel:${digits}`, text: `Call ${raw}` });
    if (verbs.text) {
      const keyword = /\btext\s+([A-Za-z0-9]{2,20})\s+to\s*$/i.exec(before)?.[1];
      links.push(
        keyword !== undefined
          ? {
              href: `sms:${digits}?body=${encodeURIComponent(keyword)}`,
              text: `Text ${keyword} to ${raw}`,
            }
          : { href: `sms:${digits}`, text: `Text ${raw}` },
      );
    }
    from = at + raw.length;
  }
  return links;
}

// ── Errors ───────────────────────────────────────────────────────────────────

/** A failed request: HTTP status (0: none reached the server), the API's code, Retry-After. */
export class RespondError extends Error {
  override readonly name = 'RespondError';
  constructor(
    readonly status: number,
    readonly code: string,
    /** Seconds to wait (from Retry-After), when the server said. */
    readonly retryAfter?: number,
  ) {
    super(code);
  }

  /** From an error answer: the envelope's `error.code` when there is one, else `http_<status>`. */
  static from(status: number, body: unknown, retryAfter?: number): RespondError {
    const err = isRecord(body) ? body.error : undefined;
    const code = isRecord(err) && isString(err.code) ? err.code : `http_${status}`;
    return new RespondError(status, code, retryAfter);
  }
}

/** `Retry-After` as seconds (delta seconds or an HTTP date), when present and sensible. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  const v = value?.trim() ?? '';
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

// ── The address ──────────────────────────────────────────────────────────────

/** What the address's fragment held: a token, nothing, or something that cannot be one. */
export type TokenRead = { kind: 'token'; token: string } | { kind: 'none' } | { kind: 'bad' };

export function classifyHash(hash: string): TokenRead {
  if (hash === '' || hash === '#') return { kind: 'none' };
  const token = readToken(hash);
  return token === null ? { kind: 'bad' } : { kind: 'token', token };
}
