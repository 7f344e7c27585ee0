import { SRC } from '../data/sources.js';
import type { FeatureEntry } from './schema.js';
import { MSRC } from './sources.js';

/**
 * Clinical features of the presentation that refine matching within a concern: avoidance calls
 * for exposure and activation, withdrawal for activation and values, and so on. `keywords` are
 * lexical cues for reading a free-text concern ("PTSD with avoidance"); they are not clinical
 * claims.
 */
export const FEATURES: FeatureEntry[] = [
  {
    id: 'avoidance',
    label: 'Avoidance',
    description: 'Avoids situations, reminders, activities or feelings.',
    targets: [
      'exposure.in_vivo',
      'exposure.imaginal',
      'tfcbt.in_vivo_mastery',
      'cbt.behavioral_activation',
      'act.acceptance',
    ],
    keywords: ['avoidance', 'avoidant', 'avoids', 'avoiding'],
    sources: [SRC.abramowitz, SRC.martell, SRC.act, SRC.tfcbt],
  },
  {
    id: 'withdrawal',
    label: 'Withdrawal',
    description: 'Has withdrawn from activities or people.',
    targets: ['cbt.behavioral_activation', 'act.values', 'ipt.interpersonal_deficits'],
    keywords: ['withdrawal', 'withdrawn', 'isolating', 'isolation', 'isolated'],
    sources: [SRC.martell, SRC.act, SRC.ipt],
  },
  {
    id: 'emotion_dysregulation',
    label: 'Emotion dysregulation',
    description: 'Intense, fast-changing emotions that are hard to manage.',
    targets: [
      'dbt.emotion_regulation',
      'dbt.distress_tolerance',
      'dbt.mindfulness',
      'tfcbt.affect_modulation',
    ],
    keywords: ['dysregulation', 'dysregulated', 'mood swings', 'emotional outbursts'],
    sources: [SRC.dbt, SRC.tfcbt],
  },
  {
    id: 'self_harm',
    label: 'Self-harm',
    description: 'Current or recent self-harm.',
    targets: [
      'safety.risk_assessment',
      'safety.safety_planning',
      'dbt.distress_tolerance',
      'dbt.emotion_regulation',
    ],
    keywords: ['self-harm', 'self harm', 'self-injury', 'self injury', 'cutting'],
    sources: [SRC.dbt, SRC.stanley],
  },
  {
    id: 'sleep_problems',
    label: 'Sleep problems',
    description: 'Insomnia or disturbed sleep.',
    targets: ['skills.relaxation'],
    keywords: ['insomnia', 'sleep', 'sleeping'],
    note: 'CBT for insomnia (CBT-I) is the recommended first-line treatment for chronic insomnia (ACP 2016); it is not in this catalogue: consider adding it or referring. Relaxation is one of its components.',
    sources: [MSRC.acpInsomnia2016, SRC.relaxation],
  },
  {
    id: 'rumination',
    label: 'Rumination',
    description: 'Repetitive, brooding thinking.',
    targets: ['mbct.mindfulness', 'act.defusion', 'cbt.cognitive_restructuring'],
    keywords: ['rumination', 'ruminating', 'ruminates', 'overthinking', 'brooding'],
    sources: [SRC.mbct, SRC.act, SRC.beck],
  },
  {
    id: 'panic_attacks',
    label: 'Panic attacks',
    description: 'Recurrent panic attacks.',
    targets: ['exposure.interoceptive', 'psychoed.symptoms', 'skills.breathing'],
    keywords: ['panic attack', 'panic attacks'],
    sources: [SRC.craske],
  },
  {
    id: 'agoraphobic_avoidance',
    label: 'Agoraphobic avoidance',
    description: 'Avoids places or situations where escape or help might be hard.',
    targets: ['exposure.in_vivo', 'exposure.interoceptive'],
    keywords: ['agoraphobia', 'agoraphobic'],
    sources: [SRC.craske],
  },
  {
    id: 'interpersonal_conflict',
    label: 'Interpersonal conflict',
    description: 'Ongoing disputes with a partner, family, friends or colleagues.',
    targets: [
      'ipt.role_dispute',
      'ipt.communication_analysis',
      'dbt.interpersonal_effectiveness',
      'systemic.couples',
    ],
    keywords: ['conflict', 'conflicts', 'arguments', 'arguing'],
    sources: [SRC.ipt, SRC.dbt, SRC.eftCouples],
  },
  {
    id: 'low_verbal_expression',
    label: 'Low verbal expression',
    description: 'Finds it hard to put experience into words.',
    targets: ['expressive.art', 'expressive.music', 'expressive.movement'],
    keywords: ['nonverbal', 'non-verbal', 'low verbal', 'low-verbal'],
    sources: [SRC.seed, SRC.art],
  },
  {
    id: 'ambivalence',
    label: 'Ambivalence about change',
    description: 'Mixed feelings about changing a behaviour.',
    targets: ['mi.change_talk', 'mi.reflection', 'mi.open_question'],
    keywords: ['ambivalence', 'ambivalent'],
    sources: [SRC.mi],
  },
];
