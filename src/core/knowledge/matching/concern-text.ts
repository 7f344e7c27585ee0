import { CONCERNS } from '../concerns.js';
import { FEATURES } from './features.js';
import type { FeatureId } from './schema.js';

/**
 * Reading what a clinician typed as a concern: a concern id (`trauma_ptsd`), a concern's name
 * ("Trauma / PTSD") or free text ("PTSD with avoidance", "low mood after a bereavement").
 * Free text is matched on whole words against the keywords below (lexical cues, not clinical
 * claims); one text may name several concerns, and features it mentions are read too.
 */
const CONCERN_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  anxiety: [
    'anxiety',
    'anxious',
    'worry',
    'worries',
    'worrying',
    'phobia',
    'phobias',
    'phobic',
    'gad',
    'social anxiety',
    'fear',
    'fears',
  ],
  panic: ['panic', 'panic disorder', 'panic attacks', 'agoraphobia'],
  ocd: ['ocd', 'obsessive compulsive', 'compulsions', 'compulsive', 'obsessions'],
  depression: ['depression', 'depressed', 'depressive', 'low mood', 'mdd', 'dysthymia'],
  trauma_ptsd: [
    'ptsd',
    'cptsd',
    'trauma',
    'traumatic',
    'traumatised',
    'traumatized',
    'post traumatic',
    'posttraumatic',
  ],
  emotion_dysregulation: [
    'emotion dysregulation',
    'emotional dysregulation',
    'dysregulation',
    'bpd',
    'borderline',
    'mood swings',
  ],
  self_harm: ['self harm', 'self harming', 'self injury', 'nssi', 'cutting'],
  crisis: ['crisis'],
  relationship_issues: [
    'relationship',
    'relationships',
    'couple',
    'couples',
    'marital',
    'marriage',
    'family conflict',
    'partner',
  ],
  articulation_of_emotion: [
    'articulating emotion',
    'expressing emotion',
    'expressing emotions',
    'alexithymia',
  ],
  low_verbal: ['low verbal', 'nonverbal', 'non verbal'],
  obsessive_fearful_thinking: ['obsessive thinking', 'fearful thinking', 'intrusive thoughts'],
  grief: ['grief', 'grieving', 'bereavement', 'bereaved', 'mourning', 'loss'],
  substance_use: [
    'substance',
    'substances',
    'alcohol',
    'drinking',
    'drug',
    'drugs',
    'addiction',
    'cannabis',
    'opioid',
    'opioids',
  ],
  motivation: ['motivation', 'unmotivated'],
};

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function hasPhrase(haystack: string, phrase: string): boolean {
  return ` ${haystack} `.includes(` ${normalise(phrase)} `);
}

export interface ConcernReading {
  concernIds: string[];
  features: FeatureId[];
}

/** The concern ids (and features) one input names; no concern ids when nothing matches. */
export function readConcern(input: string): ConcernReading {
  const text = normalise(input);
  const asId = text.replace(/ /g, '_');
  const exact = CONCERNS.find((c) => c.id === asId || normalise(c.name) === text);
  const features = FEATURES.filter((f) => f.keywords.some((k) => hasPhrase(text, k))).map(
    (f) => f.id,
  );
  if (exact) return { concernIds: [exact.id], features: [] };
  const concernIds = CONCERNS.filter((c) =>
    (CONCERN_KEYWORDS[c.id] ?? []).some((k) => hasPhrase(text, k)),
  ).map((c) => c.id);
  return { concernIds, features };
}

/** Concern ids that have free-text keywords (every concern should; checked in tests). */
export function concernsWithKeywords(): string[] {
  return Object.keys(CONCERN_KEYWORDS);
}
