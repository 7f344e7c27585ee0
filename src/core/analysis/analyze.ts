import type { TreatmentPlan } from '../plan/schema.js';
import type { Transcript } from '../transcript/schema.js';
import { buildContext, type AnalysisContext } from './context.js';
import { extractHomework } from './homework.js';
import { extractIndicators } from './indicators.js';
import { detectInterventions } from './interventions.js';
import { describeResponse } from './response.js';
import { assessRisk } from './risk.js';
import type { Analysis, DeliveredIntervention, Homework } from './schema.js';
import { sessionTiming } from './session.js';
import { labelUtterances } from './utterance-labels.js';
import { linkGoals } from './goals.js';

export interface AnalyzeOptions {
  plan?: TreatmentPlan;
  /** Text of the client's earlier notes, oldest first. */
  previousNotes?: readonly string[];
}

/**
 * transcript → evidence-linked analysis. Pure and deterministic: the same input gives the same
 * analysis. Every finding carries the utterance ids, quote and time it came from.
 */
export function analyze(transcript: Transcript, opts: AnalyzeOptions = {}): Analysis {
  const base = buildContext(transcript, opts);
  const labels = labelUtterances(base.turns);
  const turns = base.turns.map((t, i) => ({ ...t, ...labels[i] }));
  const ctx: AnalysisContext = { ...base, turns, byId: new Map(turns.map((t) => [t.id, t])) };

  const detection = detectInterventions(ctx);
  const homework = extractHomework(ctx);
  const delivered: DeliveredIntervention[] = [
    ...detection.delivered,
    ...homeworkInterventions(homework),
  ].map((d) => ({ ...d, response: describeResponse(ctx, d.evidence) }));

  return {
    schemaVersion: 1,
    session: sessionTiming(transcript),
    speakers: transcript.speakers.map((s) => ({ label: s.label, role: s.role })),
    utterances: turns.map((t) => ({
      id: t.id,
      speaker: t.speaker,
      role: t.role,
      start: t.start,
      end: t.end,
      text: t.text,
      ...(t.mi ? { mi: t.mi } : {}),
      ...(t.talk ? { talk: t.talk } : {}),
    })),
    interventions: delivered,
    mentionedNotDelivered: detection.notDelivered,
    indicators: extractIndicators(ctx),
    risk: assessRisk(ctx),
    homework,
    consent: detection.consent,
    goals: linkGoals(ctx),
  };
}

/** `homework.reviewed` / `homework.assigned` are delivered exactly when the homework says so. */
function homeworkInterventions(hw: Homework): Omit<DeliveredIntervention, 'response'>[] {
  const out: Omit<DeliveredIntervention, 'response'>[] = [];
  const [firstReviewed] = hw.reviewedEvidence;
  if (hw.reviewed && firstReviewed) {
    out.push({
      id: 'homework.reviewed',
      confidence: 0.9,
      evidence: hw.reviewedEvidence,
      components: [],
    });
  }
  const assignedEvidence = hw.assigned.flatMap((a) => a.evidence);
  if (assignedEvidence.length > 0) {
    out.push({
      id: 'homework.assigned',
      confidence: 0.9,
      evidence: assignedEvidence,
      components: [],
    });
  }
  return out;
}
