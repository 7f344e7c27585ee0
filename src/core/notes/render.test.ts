import { describe, expect, it } from 'vitest';
import { AnalysisSchema } from '../analysis/schema.js';
import { renderMarkdown, renderSectionsText, renderText } from './render.js';
import { EXPOSURE_PLAN, exposureAnalysis, riskAnalysis, untimedAnalysis } from './test-fixtures.js';
import { writeNote } from './write.js';

const TIME_REF = /\[\d\d:\d\d:\d\d\]/;

describe('renderMarkdown', () => {
  const note = writeNote(exposureAnalysis(), { format: 'soap', plan: EXPOSURE_PLAN });
  const md = renderMarkdown(note);

  it('has a title with the format, a header with times, minutes and the supported CPT code', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Progress note (SOAP)');
    expect(md).toContain(
      '**Session:** 00:00:05–00:50:18 (transcript times) · 50 min (from the transcript) · CPT 90834 (supported by duration)',
    );
  });

  it('renders each section as a heading, in order', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Subjective',
      '## Objective',
      '## Assessment',
      '## Plan',
      '## Interventions (four components)',
    ]);
  });

  it('follows each finding with its time references', () => {
    const line = md.split('\n').find((l) => l.includes('Client denied suicidal ideation'));
    expect(line).toMatch(/hopeless\.'?"?\)?\.? \[00:02:00\] \[00:02:06\]$/);
    const consent = md.split('\n').find((l) => l.includes('Informed consent'));
    expect(consent).toMatch(/\[00:08:00\] \[00:08:30\]$/);
  });

  it('marks clinician placeholders and leaves not-assessed lines without references', () => {
    const lines = md.split('\n');
    expect(lines).toContain(
      '- ☐ Appearance, behaviour and affect (not observable in a transcript).',
    );
    const notAssessed = lines.find((l) => l.includes('Not assessed in this session'));
    expect(notAssessed).toBeDefined();
    expect(notAssessed).not.toMatch(TIME_REF);
  });

  it('has a four-component table with a row per intervention', () => {
    const lines = md.split('\n');
    const at = lines.indexOf(
      '| Intervention | Client response | Progress indicator | Link to goal |',
    );
    expect(at).toBeGreaterThan(0);
    const row = lines[at + 2] ?? '';
    expect(row).toContain('SUDS 70 → 25 (peak 85)');
    expect(row).toContain('G1');
    // 4 cells → 5 unescaped pipes.
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
  });

  it('shows an endorsed-risk banner only when risk was endorsed', () => {
    expect(md).not.toContain('Risk endorsed in this session');
    const risky = renderMarkdown(writeNote(riskAnalysis(), { format: 'birp' }));
    expect(risky).toContain('> **⚠ Risk endorsed in this session** (1 finding): see Response.');
  });

  it('escapes Markdown in quotes so a table row cannot break', () => {
    const base = exposureAnalysis();
    const first = base.interventions[0];
    if (!first) throw new Error('fixture');
    const a = AnalysisSchema.parse({
      ...base,
      interventions: [
        {
          ...first,
          evidence: first.evidence.map((e, i) =>
            i === 0 ? { ...e, quote: 'rate it 0|100, *honestly* now' } : e,
          ),
        },
        ...base.interventions.slice(1),
      ],
    });
    const out = renderMarkdown(writeNote(a, { format: 'soap' }));
    expect(out).toContain('rate it 0\\|100, \\*honestly\\* now');
  });

  it('references untimed evidence by utterance id and says times are missing', () => {
    const out = renderMarkdown(writeNote(untimedAnalysis(), { format: 'dap' }));
    expect(out).toContain('start/stop times not recorded · duration unknown');
    expect(out).toMatch(/\[u4\]/);
    expect(out).not.toMatch(TIME_REF);
  });
});

describe('renderSectionsText', () => {
  it('gives copy-ready plain text per section: no Markdown, no time references', () => {
    const note = writeNote(exposureAnalysis(), { format: 'girp', plan: EXPOSURE_PLAN });
    const sections = renderSectionsText(note);
    expect(sections.map((s) => s.id)).toEqual(['goals', 'intervention', 'response', 'plan']);
    for (const s of sections) {
      expect(s.text.length).toBeGreaterThan(20);
      expect(s.text).not.toMatch(TIME_REF);
      expect(s.text).not.toMatch(/[#*|☐`]|\[u\d+\]/);
    }
    const response = sections.find((s) => s.id === 'response')?.text ?? '';
    expect(response).toContain('[clinician to complete: Appearance, behaviour and affect');
    expect(response).toContain('SUDS 70 → 25 (peak 85) on a 0–100 scale');
  });
});

describe('renderText', () => {
  it('is the whole note as plain text, with the four components', () => {
    const note = writeNote(riskAnalysis(), { format: 'pirp' });
    const text = renderText(note);
    expect(text.split('\n')[0]).toBe('Progress note (PIRP)');
    for (const h of [
      'Problem',
      'Intervention',
      'Response',
      'Plan',
      'Interventions (four components)',
    ]) {
      expect(text.split('\n')).toContain(h);
    }
    expect(text).toContain('Urge rating 8 → 4 on a 0–10 scale');
    expect(text).not.toMatch(TIME_REF);
    expect(text).not.toMatch(/^#|\*\*|☐/m);
  });
});

describe('header times', () => {
  const timed = writeNote(exposureAnalysis(), { format: 'soap', plan: EXPOSURE_PLAN });

  it('shows the entered session times, their minutes and code in Markdown and plain text', () => {
    const note = writeNote(exposureAnalysis(), {
      format: 'soap',
      plan: EXPOSURE_PLAN,
      sessionTimes: { start: '10:02', end: '10:55' },
    });
    expect(renderMarkdown(note)).toContain(
      '**Session:** 10:02–10:55 (session times) · 53 min · CPT 90837 (supported by duration)',
    );
    expect(renderText(note).split('\n')[1]).toBe(
      'Session: 10:02–10:55 (session times), 53 min, CPT 90837 (supported by duration)',
    );
  });

  it('shows the transcript times for a note written before session times (no timeSource)', () => {
    const old = { ...timed.header };
    delete old.timeSource;
    const text = renderText({ ...timed, header: old });
    expect(text.split('\n')[1]).toBe(
      'Session: 00:00:05–00:50:18 (transcript times), 50 min (from the transcript), CPT 90834 (supported by duration)',
    );
  });

  it('says when there are no times at all', () => {
    const note = writeNote(untimedAnalysis(), { format: 'soap' });
    expect(renderText(note).split('\n')[1]).toBe(
      'Session: start/stop times not recorded, duration unknown, CPT: no time-based code without start/stop times',
    );
  });
});
