/**
 * Speaker roles: from the label when it says who is speaking (Therapist, Client, Mother…),
 * otherwise inferred from how each speaker talks; user overrides win.
 */
import { DocscribError } from '../errors.js';
import type { RawTurn, TranscriptWarning } from './raw.js';
import { RoleSchema, type Role, type Speaker } from './schema.js';

/** Role nouns that make a label a clinician, whatever else it says ("Family therapist"). */
const CLINICIAN_WORDS = new Set([
  'therapist',
  'psychotherapist',
  'counselor',
  'counsellor',
  'counseler',
  'clinician',
  'psychologist',
  'psychiatrist',
  'interviewer',
  'provider',
  'practitioner',
  'dr',
  'doctor',
  'nurse',
  'lcsw',
  'lpc',
  'lmft',
  'lmhc',
  'mft',
  'psyd',
  'facilitator',
  'clinical',
]);

/** Family and other people in the room. Checked after clinician words ("Client's mother"). */
const OTHER_WORDS = new Set([
  'parent',
  'parents',
  'mother',
  'mom',
  'mum',
  'mommy',
  'mummy',
  'mama',
  'father',
  'dad',
  'daddy',
  'papa',
  'partner',
  'spouse',
  'husband',
  'wife',
  'boyfriend',
  'girlfriend',
  'fiance',
  'fiancee',
  'caregiver',
  'carer',
  'guardian',
  'grandmother',
  'grandma',
  'granny',
  'grandfather',
  'grandpa',
  'grandparent',
  'stepmother',
  'stepfather',
  'stepmom',
  'stepdad',
  'stepparent',
  'aunt',
  'uncle',
  'sibling',
  'brother',
  'sister',
  'relative',
  'family',
  'friend',
  'interpreter',
  'translator',
  'observer',
]);

const CLIENT_WORDS = new Set(['client', 'patient', 'interviewee', 'respondent', 'consumer']);

/** Whole labels that are conventional abbreviations. */
const ABBREVIATIONS: Record<string, Role> = {
  t: 'clinician',
  th: 'clinician',
  ther: 'clinician',
  c: 'client',
  p: 'client',
  pt: 'client',
  cl: 'client',
};

const NON_WORD = /[^\p{L}\p{N}]+/gu;

function tokens(label: string): string[] {
  return label.toLowerCase().replace(NON_WORD, ' ').trim().split(' ');
}

/**
 * The role a speaker label states, or null when the label does not say (a name, `Speaker 1`,
 * `SPEAKER_00`, `Unknown`).
 */
export function roleFromLabel(label: string): Role | null {
  const words = tokens(label);
  const whole = words.join(' ');
  // "T", "C", "P", "T1", "Pt" as the whole label.
  const abbr = ABBREVIATIONS[whole.replace(/ ?\d+$/, '')];
  if (abbr) return abbr;
  let other = false;
  let client = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (CLINICIAN_WORDS.has(w)) return 'clinician';
    if (w === 'social' && words[i + 1] === 'worker') return 'clinician';
    if (w === 'case' && words[i + 1] === 'manager') return 'clinician';
    if (OTHER_WORDS.has(w)) other = true;
    else if (CLIENT_WORDS.has(w)) client = true;
  }
  if (other) return 'other';
  if (client) return 'client';
  return null;
}

/** A role named by a user or an input field: `clinician`/`client`/`other` or a label word. */
export function roleFromWord(word: string): Role | null {
  const parsed = RoleSchema.safeParse(word.trim().toLowerCase());
  if (parsed.success) return parsed.data;
  return roleFromLabel(word);
}

// ---------------------------------------------------------------------------------------------
// Inference from speaking style.

const WORD = /[a-z]+(?:'[a-z]+)?/g;
const SECOND_PERSON = new Set([
  'you',
  'your',
  'yours',
  'yourself',
  'yourselves',
  "you're",
  "you've",
  "you'll",
  "you'd",
  'youre',
]);
const FIRST_PERSON = new Set([
  'i',
  'me',
  'my',
  'mine',
  'myself',
  "i'm",
  "i've",
  "i'll",
  "i'd",
  'im',
  'ive',
]);
const QUESTION_START =
  /^(?:(?:so|and|okay|ok|well|now|um|uh|alright|right)[ ,]+)*(?:what|how|when|where|why|who|which|do|does|did|is|are|was|were|can|could|would|will|should|have|has|any|anything|tell me)\b/;
const REFLECTION =
  /\b(?:it sounds like|sounds like you|so you're saying|so you are saying|what i'm hearing|what i hear|it seems like|seems like you|you're feeling|you feel|you felt|you're noticing|part of you|on one hand|you're wondering|that makes sense)\b/g;
const TECHNIQUE =
  /\b(?:homework|skills?|practi[cs]e|exercises?|worksheet|scale|zero to (?:ten|a hundred|one hundred)|0 to 10|0 to 100|one to ten|rate|rating|let's|let us|between now and|next session|last session|this session|next week|thought record|diary card|goals?|check in|notice|noticing|tell me more|treatment)\b/g;
const APOSTROPHES = /[\u2018\u2019\u02bc`]/g;

interface Style {
  turns: number;
  words: number;
  second: number;
  first: number;
  questions: number;
  reflections: number;
  technique: number;
  firstSeen: number;
}

function newStyle(firstSeen: number): Style {
  return {
    turns: 0,
    words: 0,
    second: 0,
    first: 0,
    questions: 0,
    reflections: 0,
    technique: 0,
    firstSeen,
  };
}

/** Turns per speaker looked at: plenty to tell roles apart, and keeps huge files linear-fast. */
const STYLE_SAMPLE_TURNS = 400;

function addTurn(s: Style, text: string): void {
  if (s.turns >= STYLE_SAMPLE_TURNS) return;
  const t = text.toLowerCase().replace(APOSTROPHES, "'");
  s.turns++;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(t)) !== null) {
    s.words++;
    const w = m[0];
    if (SECOND_PERSON.has(w)) s.second++;
    else if (FIRST_PERSON.has(w)) s.first++;
  }
  if (t.includes('?') || QUESTION_START.test(t.trimStart())) s.questions++;
  s.reflections += countMatches(REFLECTION, t);
  s.technique += countMatches(TECHNIQUE, t);
}

function countMatches(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

/**
 * How clinician-like a speaker talks: more questions, second person over first person,
 * reflections, technique words. Roughly −1 (all "I", no questions) to 4.
 */
export function clinicianScore(s: Style): number {
  if (s.turns === 0) return 0;
  const person = (s.second - s.first) / (s.second + s.first + 1);
  const questions = s.questions / s.turns;
  const reflections = Math.min(1, (3 * s.reflections) / s.turns);
  const technique = Math.min(1, (2 * s.technique) / s.turns);
  return person + questions + reflections + 0.7 * technique;
}

// ---------------------------------------------------------------------------------------------

/** The warning for a transcript with one speaker label (callers may reword it for their input). */
export const ONE_SPEAKER_WARNING =
  'The transcript has only one speaker label, so clinician and client turns cannot be told apart. Use a transcript with speaker labels.';

export interface RoleAssignment {
  speakers: Speaker[];
  roleOf: Map<string, Role>;
  warnings: TranscriptWarning[];
}

/**
 * Decide every speaker's role. Order of precedence: user override, a role given by the input
 * (JSON `role`), the label, inference from speaking style.
 *
 * Inference (labels that say nothing about the role): if no speaker is a clinician yet, the most
 * clinician-like inferred speaker is the clinician; if no speaker is a client yet, the most
 * client-like remaining one is the client (among non-clinicians a parent or partner tends to
 * address the client in the second person and ask questions, the client talks about themself);
 * any further inferred speaker is `other`. A lone speaker is the clinician only if clearly
 * clinician-like.
 */
export function assignRoles(
  labels: readonly string[],
  turns: readonly RawTurn[],
  overrides: Readonly<Record<string, string>> | undefined,
): RoleAssignment {
  const warnings: TranscriptWarning[] = [];
  const decided = new Map<string, { role: Role; source: Speaker['roleSource'] }>();

  for (const [label, role] of resolveOverrides(labels, overrides)) {
    decided.set(label, { role, source: 'override' });
  }
  for (const t of turns) {
    if (t.role && t.speaker !== null && !decided.has(t.speaker)) {
      decided.set(t.speaker, { role: t.role, source: 'label' });
    }
  }
  const pending: string[] = [];
  for (const label of labels) {
    if (decided.has(label)) continue;
    const role = roleFromLabel(label);
    if (role) decided.set(label, { role, source: 'label' });
    else pending.push(label);
  }

  if (pending.length > 0) {
    const styles = new Map<string, Style>();
    pending.forEach((label, i) => styles.set(label, newStyle(i)));
    for (const t of turns) {
      const s = t.speaker === null ? undefined : styles.get(t.speaker);
      if (s) addTurn(s, t.text);
    }
    const roles = [...decided.values()].map((d) => d.role);
    const ranked = pending
      .map((label) => {
        const s = styles.get(label) ?? newStyle(0);
        return { label, score: clinicianScore(s), words: s.words, firstSeen: s.firstSeen };
      })
      .sort((a, b) => b.score - a.score || a.firstSeen - b.firstSeen);

    if (ranked.length === 1 && decided.size === 0) {
      const only = ranked[0];
      if (only) {
        decided.set(only.label, {
          role: only.score >= 1 ? 'clinician' : 'client',
          source: 'inferred',
        });
      }
      warnings.push({ message: ONE_SPEAKER_WARNING });
    } else {
      if (!roles.includes('clinician')) {
        const top = ranked.shift();
        if (top) decided.set(top.label, { role: 'clinician', source: 'inferred' });
      }
      if (!roles.includes('client') && ranked.length > 0) {
        let pick = 0;
        for (let i = 1; i < ranked.length; i++) {
          const a = ranked[i];
          const b = ranked[pick];
          if (a && b && (a.score < b.score || (a.score === b.score && a.words > b.words))) pick = i;
        }
        const [client] = ranked.splice(pick, 1);
        if (client) decided.set(client.label, { role: 'client', source: 'inferred' });
      }
      for (const rest of ranked) decided.set(rest.label, { role: 'other', source: 'inferred' });
    }
    warnings.push({
      message: `The roles of ${pending.length} speaker label(s) were inferred from how each speaker talks; check them in the output, or set them with --roles (e.g. "Speaker 1=clinician").`,
    });
  }

  promoteCouple(decided);

  const speakers: Speaker[] = [];
  const roleOf = new Map<string, Role>();
  for (const label of labels) {
    const d = decided.get(label) ?? { role: 'other' as const, source: 'inferred' as const };
    speakers.push({ label, role: d.role, roleSource: d.source });
    roleOf.set(label, d.role);
  }
  return { speakers, roleOf, warnings };
}

/**
 * Overrides keyed by the exact label; a key that differs only in case or spacing is accepted
 * when it matches one label. A key matching no label is an error that names it (the user typed
 * it) and lists the labels present.
 */
function resolveOverrides(
  labels: readonly string[],
  overrides: Readonly<Record<string, string>> | undefined,
): Map<string, Role> {
  const out = new Map<string, Role>();
  if (!overrides) return out;
  const loose = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  for (const [key, value] of Object.entries(overrides)) {
    let label: string | undefined = labels.find((l) => l === key);
    if (label === undefined) {
      const matches = labels.filter((l) => loose(l) === loose(key));
      if (matches.length === 1) label = matches[0];
    }
    if (label === undefined) {
      throw new DocscribError(
        'input.roles',
        `The role override names the speaker "${key}", which is not in this transcript. Speakers present: ${labels.map((l) => `"${l}"`).join(', ') || '(none)'}.`,
        'Use a speaker label exactly as it appears in the transcript, e.g. --roles "Speaker 1=clinician".',
        { field: `roles.${key}` },
      );
    }
    const role = RoleSchema.safeParse(value);
    if (!role.success) {
      throw new DocscribError(
        'input.roles',
        `The role override for "${key}" is not a role.`,
        'Roles are clinician, client and other, e.g. --roles "Speaker 1=clinician".',
        { field: `roles.${key}` },
      );
    }
    out.set(label, role.data);
  }
  return out;
}

/**
 * `"Speaker 1=clinician, Speaker 2=client"` → overrides (the `--roles` option). Role words such
 * as `therapist` or `patient` are accepted for the role. Separators: `,` or `;`. A pair without
 * a label or a role, or no pair at all, is an `input.roles` error. Whether every label is a
 * speaker of the transcript is checked when the overrides are applied ({@link assignRoles}).
 */
export function parseRoleOverrides(spec: string): Record<string, Role> {
  const out: Record<string, Role> = {};
  for (const part of spec.split(/[,;]/)) {
    if (part.trim() === '') continue;
    const eq = part.lastIndexOf('=');
    const label = eq > 0 ? part.slice(0, eq).trim() : '';
    const role = eq > 0 ? roleFromWord(part.slice(eq + 1)) : null;
    if (label === '' || role === null) {
      throw new DocscribError(
        'input.roles',
        `Cannot read the role override "${part.trim()}".`,
        'Write label=role pairs separated by commas, e.g. --roles "Speaker 1=clinician,Speaker 2=client" (roles: clinician, client, other).',
      );
    }
    out[label] = role;
  }
  if (Object.keys(out).length === 0) {
    throw new DocscribError(
      'input.roles',
      'No role override given.',
      'Write label=role pairs separated by commas, e.g. --roles "Speaker 1=clinician,Speaker 2=client" (roles: clinician, client, other).',
    );
  }
  return out;
}

const COUPLE_LABEL = /\b(partner|spouse|husband|wife)\b/i;

/**
 * In couple therapy both partners are clients. When no speaker is a client and the others are
 * labelled as partners ("Partner A" / "Partner B", "Husband" / "Wife"), they are the clients.
 * Beside a labelled client, a "Partner" stays `other` (a family member joining the session).
 */
function promoteCouple(decided: Map<string, { role: Role; source: Speaker['roleSource'] }>): void {
  const roles = [...decided.values()];
  if (roles.some((d) => d.role === 'client')) return;
  for (const [label, d] of decided) {
    if (d.role === 'other' && d.source === 'label' && COUPLE_LABEL.test(label)) {
      decided.set(label, { role: 'client', source: 'label' });
    }
  }
}
