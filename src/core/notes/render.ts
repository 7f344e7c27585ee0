import { cptForMinutes } from '../analysis/session.js';
import { noteHeaderTimes } from './header.js';
import { evidenceRefs, interventionLabel } from './labels.js';
import { FORMAT_NAMES } from './layouts.js';
import { RECORD_LABEL, type Note, type NoteSentence } from './schema.js';

/**
 * Renderers: Markdown with time references to the transcript, copy-ready plain text per section
 * (for pasting into an EHR field), and the whole note as plain text (clone detection,
 * `--previous`). JSON output is the Note object itself.
 */

/** Escape characters Markdown would interpret inside running text and table cells. */
function md(text: string): string {
  return text.replace(/([\\`*_|<>[\]])/g, '\\$1');
}

function refs(s: NoteSentence): string {
  const r = evidenceRefs(s.evidence);
  return r.length > 0 ? ` ${r.map((x) => `[${x}]`).join(' ')}` : '';
}

function mdSentence(s: NoteSentence): string {
  switch (s.kind) {
    case 'finding':
      return `${md(s.text)}${refs(s)}`;
    case 'not_assessed':
      return md(s.text);
    case 'clinician_to_complete':
      return `☐ ${md(s.text)}${refs(s)}`;
    case 'clinician':
      return `${md(s.text)}${refs(s)}`;
    case 'record':
      return `${md(s.text)} _(${md(RECORD_LABEL)})_`;
  }
}

/**
 * How a sentence reads in plain text: a placeholder in brackets, a statement from the record
 * followed by where it is from in brackets, anything else as written.
 */
export function plainSentence(s: NoteSentence): string {
  switch (s.kind) {
    case 'clinician_to_complete':
      return `[clinician to complete: ${s.text.replace(/\.$/, '')}]`;
    case 'record':
      return `${s.text} [${RECORD_LABEL}]`;
    case 'finding':
    case 'not_assessed':
    case 'clinician':
      return s.text;
  }
}

function headerFacts(note: Note): { times: string; duration: string; cpt: string } {
  const { label, duration, minutes, cpt } = noteHeaderTimes(note.header);
  const supported = cptForMinutes(minutes);
  let cptText: string;
  if (minutes === null) cptText = 'CPT: no time-based code without start/stop times';
  else if (minutes < 16) cptText = 'CPT: under 16 minutes, no psychotherapy code supported';
  else if (cpt && supported && cpt !== supported)
    cptText = `CPT ${cpt} (duration supports ${supported})`;
  else cptText = `CPT ${cpt ?? supported ?? 'none'} (supported by duration)`;
  return { times: label, duration: duration ?? 'duration unknown', cpt: cptText };
}

function title(note: Note): string {
  return `Progress note (${FORMAT_NAMES[note.format]})`;
}

function endorsedRisk(note: Note): NoteSentence[] {
  return note.sections.flatMap((s) => s.sentences.filter((x) => x.topic === 'risk_endorsed'));
}

/** Markdown: title, header, one `## Heading` per section, the four-component table. */
export function renderMarkdown(note: Note): string {
  const h = headerFacts(note);
  const lines: string[] = [
    `# ${title(note)}`,
    '',
    `**Session:** ${h.times} · ${h.duration} · ${h.cpt}`,
  ];
  const risk = endorsedRisk(note);
  if (risk.length > 0) {
    const where = note.sections.find((s) => s.sentences.some((x) => x.topic === 'risk_endorsed'));
    lines.push(
      '',
      `> **⚠ Risk endorsed in this session** (${risk.length} finding${risk.length === 1 ? '' : 's'}): see ${where?.heading ?? 'the note'}.`,
    );
  }
  for (const section of note.sections) {
    lines.push('', `## ${section.heading}`, '');
    if (section.sentences.length === 0) lines.push('_Nothing recorded._');
    for (const s of section.sentences) lines.push(`- ${mdSentence(s)}`);
  }
  if (note.interventions.length > 0) {
    lines.push(
      '',
      '## Interventions (four components)',
      '',
      '| Intervention | Client response | Progress indicator | Link to goal |',
      '|---|---|---|---|',
    );
    for (const e of note.interventions) {
      const cell = (s: NoteSentence): string =>
        s.kind === 'finding' ? mdSentence(s) : `_${md(s.text)}_`;
      lines.push(
        `| ${cell(e.intervention)} | ${cell(e.response)} | ${cell(e.progress)} | ${cell(e.goalLink)} |`,
      );
    }
  }
  const fromRecord = note.sections.some((s) => s.sentences.some((x) => x.kind === 'record'));
  lines.push(
    '',
    `_Every statement above links to the transcript time (or utterance) it came from${
      fromRecord ? ", except those marked as from the client's record (outcome measures)" : ''
    }; ☐ marks what the clinician completes._`,
  );
  return `${lines.join('\n')}\n`;
}

/** Copy-ready plain text, one entry per section: no Markdown, no time references. */
export function renderSectionsText(note: Note): { id: string; heading: string; text: string }[] {
  return note.sections.map((s) => ({
    id: s.id,
    heading: s.heading,
    text: s.sentences.map(plainSentence).join(' '),
  }));
}

/** The whole note as plain text (no Markdown, no time references). */
export function renderText(note: Note): string {
  const h = headerFacts(note);
  const lines: string[] = [title(note), `Session: ${h.times}, ${h.duration}, ${h.cpt}`];
  for (const s of renderSectionsText(note)) lines.push('', s.heading, s.text);
  if (note.interventions.length > 0) {
    lines.push('', 'Interventions (four components)');
    for (const e of note.interventions) {
      lines.push(
        `${interventionLabel(e.interventionId)}: intervention: ${plainSentence(e.intervention)} Response: ${plainSentence(e.response)} Progress: ${plainSentence(e.progress)} Goal: ${plainSentence(e.goalLink)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
