import type { Evidence } from '../analysis/schema.js';
import type { NoteSentence } from './schema.js';

/** Builders for note sentences. A finding always carries evidence; the others say what is missing. */

const MAX_EVIDENCE = 6;

/** Distinct evidence (by utterance ids), in order, at most `max`. */
export function mergeEvidence(
  lists: readonly (readonly Evidence[])[],
  max = MAX_EVIDENCE,
): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const list of lists) {
    for (const e of list) {
      const key = e.utteranceIds.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
      if (out.length >= max) return out;
    }
  }
  return out;
}

function sentenceText(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return /[.!?…]["')\]]?$/.test(t) ? t : `${t}.`;
}

interface About {
  topic: string;
  interventionId?: string;
  /** Note elements the sentence serves (notes/elements.ts); else the topic's defaults apply. */
  elements?: readonly string[];
}

function about(a: About): Pick<NoteSentence, 'topic' | 'interventionId' | 'elements'> {
  return {
    topic: a.topic,
    ...(a.interventionId !== undefined ? { interventionId: a.interventionId } : {}),
    ...(a.elements !== undefined ? { elements: [...a.elements] } : {}),
  };
}

/** A statement grounded in the transcript. Throws if no evidence: a finding without it is a bug. */
export function finding(text: string, evidence: readonly Evidence[], a: About): NoteSentence {
  const ev = mergeEvidence([evidence]);
  if (ev.length === 0) throw new Error(`note finding without evidence (topic ${a.topic})`);
  return { text: sentenceText(text), kind: 'finding', evidence: ev, ...about(a) };
}

/** Something this session did not cover: stated as not assessed, never as normal or denied. */
export function notAssessed(text: string, a: About): NoteSentence {
  return { text: sentenceText(text), kind: 'not_assessed', evidence: [], ...about(a) };
}

/** A placeholder for what the transcript cannot show; evidence optional (what prompted it). */
export function toComplete(
  text: string,
  a: About,
  evidence: readonly Evidence[] = [],
): NoteSentence {
  return {
    text: sentenceText(text),
    kind: 'clinician_to_complete',
    evidence: mergeEvidence([evidence]),
    ...about(a),
  };
}
