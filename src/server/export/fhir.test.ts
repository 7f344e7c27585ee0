import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isDocscribError, NoteFormatSchema } from '../../core/index.js';
import type {
  Bundle,
  Composition,
  DocumentReference,
  Encounter,
  Organization,
  Patient,
} from './fhir-types.js';
import { isInternalError } from '../errors.js';
import { validateFhir } from './fhir-validate.js';
import {
  ADDENDA_CODE,
  escapeXhtml,
  fhirString,
  INTERVENTION_COMPONENTS_CODE,
  NOTE_SECTION_SYSTEM,
  noteToComposition,
  noteToDocumentReference,
  noteToFhir,
  recordUuid,
  US_NPI_SYSTEM,
} from './fhir.js';
import type { NoteExportInput, PracticeRef } from './input.js';
import { renderNotePdf } from './pdf.js';
import { exportInput, ZONED_CASES, zonedInput } from './test-fixtures.js';
import { noteFullText } from './text.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function compositionOf(bundle: Bundle): Composition {
  const c = bundle.entry?.[0]?.resource;
  if (c?.resourceType !== 'Composition') throw new Error('no Composition first');
  return c;
}

function resourceOf<T extends NonNullable<Bundle['entry']>[number]['resource']>(
  bundle: Bundle,
  type: NonNullable<T>['resourceType'],
): T[] {
  return (bundle.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === type) as T[];
}

/** Every narrative `div` in a resource. */
function divs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(divs);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === 'div' && typeof v === 'string' ? [v] : divs(v),
  );
}

/** Well-formed XHTML as FHIR writes it: balanced tags, only XML's entities, nothing raw. */
function wellFormed(xhtml: string): boolean {
  const stack: string[] = [];
  const tag = /<(\/?)([a-z]+)((?:\s+[a-z:]+="[^"<>&]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const m of xhtml.matchAll(tag)) {
    const text = xhtml.slice(last, m.index);
    if (/[<>]|&(?!(amp|lt|gt|quot|#39);)/.test(text)) return false;
    last = m.index + m[0].length;
    const [, close, name = '', , selfClosing] = m;
    if (selfClosing) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name);
  }
  return stack.length === 0 && !/[<>]/.test(xhtml.slice(last));
}

describe('noteToComposition', () => {
  it('exports a signed note as a FHIR R4 document that validates against the R4 schema', () => {
    const bundle = noteToComposition(exportInput({ cosigned: true, addenda: ['Late entry.'] }));
    expect(validateFhir(bundle)).toEqual({ valid: true, errors: [] });
  });

  it.each(NoteFormatSchema.options)('validates for a %s note', (format) => {
    expect(validateFhir(noteToComposition(exportInput({ format }))).errors).toEqual([]);
  });

  it('puts the Composition first, then Patient, Practitioners, Encounter and the practice, with urn:uuid full URLs', () => {
    const bundle = noteToComposition(exportInput({ cosigned: true }));
    expect(bundle.type).toBe('document');
    expect(bundle.identifier?.value).toMatch(/^urn:uuid:/);
    expect(bundle.entry?.map((e) => e.resource?.resourceType)).toEqual([
      'Composition',
      'Patient',
      'Practitioner',
      'Practitioner',
      'Encounter',
      'Organization',
    ]);
    for (const e of bundle.entry ?? []) {
      expect(e.resource?.id).toMatch(UUID);
      expect(e.fullUrl).toBe(`urn:uuid:${e.resource?.id ?? ''}`);
    }
    // Every reference in the Composition resolves inside the Bundle.
    const urls = new Set(bundle.entry?.map((e) => e.fullUrl));
    const refs = JSON.stringify(compositionOf(bundle)).match(/"reference":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(3);
    for (const r of refs) expect(urls.has(r.slice(13, -1))).toBe(true);
  });

  it('types the note as LOINC 11506-3, dated at signature, attested by signer and co-signer', () => {
    const input = exportInput({ cosigned: true });
    const c = compositionOf(noteToComposition(input));
    expect(c.type.coding).toEqual([
      { system: 'http://loinc.org', code: '11506-3', display: 'Progress note' },
    ]);
    expect(c.status).toBe('final');
    expect(c.date).toBe('2025-03-04T16:02:11.000Z');
    expect(c.confidentiality).toBe('R');
    expect(c.attester?.map((a) => [a.mode, a.time, a.party?.display])).toEqual([
      ['legal', '2025-03-04T16:02:11.000Z', 'Dr. Maya Okafor'],
      ['professional', '2025-03-05T08:30:00.000Z', 'Dr. Samuel Reyes'],
    ]);
    expect(c.identifier).toEqual({
      system: 'https://docscrib.dev/fhir/id/progress-note',
      value: input.note.id,
    });
  });

  it("keeps FHIR instants in UTC ISO-8601 and shows people the practice's local time", () => {
    const [chicago] = ZONED_CASES;
    const c = compositionOf(noteToComposition(zonedInput(chicago.zone, chicago.times)));
    expect(c.date).toBe(chicago.times.signedAt);
    expect(c.attester?.map((a) => a.time)).toEqual([
      chicago.times.signedAt,
      chicago.times.cosignedAt,
    ]);
    const narrative = divs(c).join('\n');
    expect(narrative).toContain(`on ${chicago.shown.signedAt}.`);
    expect(narrative).toContain(`Addendum, ${chicago.shown.addendumAt}, `);
    expect(narrative).not.toContain('(UTC)');
  });

  it('has no professional attester before the co-signature, and is amended once addenda exist', () => {
    const c = compositionOf(noteToComposition(exportInput({ cosigned: false, addenda: ['x'] })));
    expect(c.attester?.map((a) => a.mode)).toEqual(['legal']);
    expect(c.status).toBe('amended');
    expect(c.section?.at(-1)?.code?.coding?.[0]).toMatchObject({
      system: NOTE_SECTION_SYSTEM,
      code: ADDENDA_CODE,
    });
  });

  it('codes SOAP sections with LOINC and the others with the DocScrib code system', () => {
    const soap = compositionOf(noteToComposition(exportInput({ format: 'soap' })));
    expect(soap.section?.map((s) => s.code?.coding?.[0]?.code)).toEqual([
      '61150-9',
      '61149-1',
      '51848-0',
      '18776-5',
      INTERVENTION_COMPONENTS_CODE,
    ]);
    const birp = compositionOf(noteToComposition(exportInput({ format: 'birp' })));
    expect(
      birp.section?.map((s) => [s.title, s.code?.coding?.[0]?.system, s.code?.coding?.[0]?.code]),
    ).toEqual([
      ['Behavior', NOTE_SECTION_SYSTEM, 'behavior'],
      ['Intervention', 'http://loinc.org', '62387-6'],
      ['Response', NOTE_SECTION_SYSTEM, 'response'],
      ['Plan', 'http://loinc.org', '18776-5'],
      ['Interventions (four components)', NOTE_SECTION_SYSTEM, INTERVENTION_COMPONENTS_CODE],
    ]);
  });

  it('writes each section as escaped, well-formed XHTML with the note text', () => {
    const input = exportInput({ addenda: ['Client said "I\'ll try" <maybe> & left.'] });
    const bundle = noteToComposition(input);
    for (const d of divs(bundle)) {
      expect(d.startsWith('<div xmlns="http://www.w3.org/1999/xhtml">')).toBe(true);
      expect(wellFormed(d), d).toBe(true);
    }
    const c = compositionOf(bundle);
    const all = c.section?.map((s) => s.text?.div ?? '').join('') ?? '';
    for (const s of input.note.body.sections.flatMap((x) => x.sentences)) {
      if (s.kind !== 'clinician_to_complete') expect(all).toContain(escapeXhtml(s.text));
    }
    expect(all).toContain('Client said &quot;I&#39;ll try&quot; &lt;maybe&gt; &amp; left.');
  });

  it('describes the client, the clinicians and the session', () => {
    const input = exportInput({ cosigned: true });
    const bundle = noteToComposition(input);
    const [patient] = resourceOf<Patient>(bundle, 'Patient');
    expect(patient?.name).toEqual([{ text: 'Jonah Whitfield' }]);
    expect(patient?.birthDate).toBe('1991-04-17');
    expect(patient?.identifier).toContainEqual({
      system: 'https://docscrib.dev/fhir/id/client',
      value: input.client.id,
    });
    expect(patient?.identifier).toContainEqual({
      type: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v2-0203',
            code: 'MR',
            display: 'Medical record number',
          },
        ],
        text: 'MRN',
      },
      value: 'C-001',
    });
    const [encounter] = resourceOf<Encounter>(bundle, 'Encounter');
    expect(encounter?.class.code).toBe('VR');
    expect(encounter?.status).toBe('finished');
    expect(encounter?.length).toEqual({
      value: 45,
      unit: 'min',
      system: 'http://unitsofmeasure.org',
      code: 'min',
    });
    expect(encounter?.type?.[0]?.coding?.[0]?.code).toBe('90834');
    expect(encounter?.period).toEqual({ start: '2025-03-04', end: '2025-03-04' });
  });

  it('lists one Practitioner when the author signed and nobody co-signed', () => {
    const bundle = noteToComposition(exportInput());
    expect(resourceOf(bundle, 'Practitioner')).toHaveLength(1);
  });

  it('refuses a draft with a typed error (a server fault: the notes service answers 409 first)', () => {
    const draft = exportInput({ status: 'draft' });
    for (const run of [() => noteToComposition(draft), () => noteToDocumentReference(draft)]) {
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(isInternalError(error)).toBe(true);
      expect(isDocscribError(error)).toBe(false);
      expect((error as Error).message).toMatch(/signed/);
    }
  });

  it('is deterministic: the same note gives the same resources', () => {
    const input = exportInput({ cosigned: true, addenda: ['One.'] });
    expect(noteToComposition(input)).toEqual(noteToComposition(input));
    expect(noteToDocumentReference(input)).toEqual(noteToDocumentReference(input));
  });

  it('keeps unicode, and makes FHIR strings out of odd whitespace', () => {
    const input = exportInput({
      clientName: 'Zoë\u00a0Łukasiewicz 李小龍 🙂',
      addenda: ['Ана сказала: «всё хорошо» → better\u2028next line <script>alert(1)</script>'],
    });
    const bundle = noteToComposition(input);
    expect(validateFhir(bundle).errors).toEqual([]);
    const [patient] = resourceOf<Patient>(bundle, 'Patient');
    expect(patient?.name?.[0]?.text).toBe('Zoë Łukasiewicz 李小龍 🙂');
    const addenda = compositionOf(bundle).section?.at(-1)?.text?.div ?? '';
    expect(addenda).toContain('Ана сказала: «всё хорошо» → better');
    expect(addenda).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(addenda).not.toContain('<script');
    expect(validateFhir(noteToDocumentReference(input)).errors).toEqual([]);
  });

  it('never carries a private process note', () => {
    const input = exportInput();
    // @ts-expect-error: the export input has no process-note field
    noteToComposition({ ...input, processNote: { text: 'PRIVATE PROCESS NOTE' } });
    const smuggled = { ...input, processNotes: [{ text: 'PRIVATE PROCESS NOTE' }] };
    expect(JSON.stringify(noteToComposition(smuggled))).not.toContain('PRIVATE');
    expect(JSON.stringify(noteToDocumentReference(smuggled))).not.toContain('UFJJVkFURSBQUk9DRVNT');
    const text = Buffer.from(
      noteToDocumentReference(smuggled).content[0]?.attachment.data ?? '',
      'base64',
    ).toString('utf8');
    expect(text).not.toContain('PRIVATE');
  });
});

describe('the session period', () => {
  /** The periods of the Encounter, the Composition's event and the DocumentReference's context. */
  function periods(input: NoteExportInput): unknown[] {
    const bundle = noteToComposition(input);
    const doc = noteToDocumentReference(input);
    expect(validateFhir(bundle)).toEqual({ valid: true, errors: [] });
    expect(validateFhir(doc)).toEqual({ valid: true, errors: [] });
    return [
      resourceOf<Encounter>(bundle, 'Encounter')[0]?.period,
      compositionOf(bundle).event?.[0]?.period,
      doc.context?.period,
    ];
  }

  const zoned = (timezone: string | undefined, date = '2025-03-04'): NoteExportInput => {
    const input = exportInput({
      sessionTimes: { start: '10:02', end: '10:55' },
      practice: { name: 'Harbourview Counselling', ...(timezone ? { timezone } : {}) },
    });
    return { ...input, session: { ...input.session, details: { ...input.session.details, date } } };
  };

  it.each([
    ['America/Chicago', '2025-03-04', '-06:00'],
    ['America/Chicago', '2025-07-04', '-05:00'],
    ['Asia/Kolkata', '2025-03-04', '+05:30'],
    ['UTC', '2025-03-04', '+00:00'],
  ])(
    "carries the session times as dateTimes with the practice's offset (%s on %s)",
    (zone, date, offset) => {
      const want = { start: `${date}T10:02:00${offset}`, end: `${date}T10:55:00${offset}` };
      expect(periods(zoned(zone, date))).toEqual([want, want, want]);
      const [encounter] = resourceOf<Encounter>(noteToComposition(zoned(zone, date)), 'Encounter');
      expect(encounter?.length?.value).toBe(53);
      expect(encounter?.type?.[0]?.coding?.[0]?.code).toBe('90837');
    },
  );

  it('keeps the date only without a zone, with a zone the runtime does not know, or without times', () => {
    const dateOnly = { start: '2025-03-04', end: '2025-03-04' };
    expect(periods(zoned(undefined))).toEqual([dateOnly, dateOnly, dateOnly]);
    expect(periods(zoned('Mars/Olympus_Mons'))).toEqual([dateOnly, dateOnly, dateOnly]);
    const untimed = exportInput({
      sessionTimes: null,
      practice: { name: 'Harbourview Counselling', timezone: 'America/Chicago' },
    });
    expect(periods(untimed)).toEqual([dateOnly, dateOnly, dateOnly]);
  });

  it("words the Encounter's times like the other exports (the core's header label)", () => {
    const narrativeOf = (input: NoteExportInput): string =>
      divs(resourceOf<Encounter>(noteToComposition(input), 'Encounter')[0]).join('');
    const timed = exportInput({ sessionTimes: { start: '10:02', end: '10:55' } });
    expect(narrativeOf(timed)).toContain('10:02–10:55 (session times)');
    const untimed = narrativeOf(exportInput({ sessionTimes: null }));
    expect(untimed).toContain('00:00:04–00:44:42 (transcript times)');
    expect(untimed).not.toContain('(transcript time)–');
  });
});

describe('noteToDocumentReference', () => {
  it('validates against the R4 schema, with the PDF attached', async () => {
    const input = exportInput({ cosigned: true, addenda: ['Addendum text.'] });
    const pdf = await renderNotePdf(input);
    const doc = noteToDocumentReference(input, { pdf });
    expect(validateFhir(doc)).toEqual({ valid: true, errors: [] });
    expect(doc.content.map((c) => c.attachment.contentType)).toEqual([
      'text/plain; charset=utf-8',
      'application/pdf',
    ]);
    const bytes = Buffer.from(doc.content[1]?.attachment.data ?? '', 'base64');
    expect(bytes.equals(pdf)).toBe(true);
    expect(doc.content[1]?.attachment.size).toBe(pdf.length);
  });

  it('carries the whole note as text/plain, with size and SHA-1 hash', () => {
    const input = exportInput({ cosigned: true });
    const doc: DocumentReference = noteToDocumentReference(input);
    const attachment = doc.content[0]?.attachment;
    const bytes = Buffer.from(attachment?.data ?? '', 'base64');
    expect(bytes.toString('utf8')).toBe(noteFullText(input));
    expect(attachment?.size).toBe(bytes.length);
    expect(attachment?.hash).toBe(createHash('sha1').update(bytes).digest('base64'));
    expect(doc.content).toHaveLength(1);
  });

  it('is a self-contained, current, final progress note of the patient', () => {
    const input = exportInput();
    const doc = noteToDocumentReference(input);
    expect(doc.status).toBe('current');
    expect(doc.docStatus).toBe('final');
    expect(doc.type?.coding?.[0]?.code).toBe('11506-3');
    expect(doc.subject).toEqual({ reference: '#patient', display: 'Jonah Whitfield' });
    expect(doc.contained?.map((r) => `${r.resourceType}#${r.id ?? ''}`)).toEqual([
      'Patient#patient',
      'Practitioner#practitioner-1',
      'Organization#practice',
    ]);
    expect(doc.custodian).toEqual({ reference: '#practice', display: 'Harbourview Counselling' });
    expect(doc.author).toEqual([{ reference: '#practitioner-1', display: 'Dr. Maya Okafor' }]);
    expect(doc.authenticator?.reference).toBe('#practitioner-1');
    expect(doc.identifier).toEqual([
      { system: 'https://docscrib.dev/fhir/id/progress-note', value: input.note.id },
    ]);
    expect(noteToDocumentReference(exportInput({ addenda: ['x'] })).docStatus).toBe('amended');
  });

  it('is what noteToFhir returns for DocumentReference (and the Bundle for Composition)', () => {
    const input = exportInput();
    expect(noteToFhir(input, 'DocumentReference')).toEqual(noteToDocumentReference(input));
    expect(noteToFhir(input, 'Composition')).toEqual(noteToComposition(input));
  });
});

describe('the practice as custodian', () => {
  const practice: PracticeRef = {
    name: 'Harbourview Counselling',
    address: '12 Quay Street\nSuite 4\n Portland, ME 04101 ',
    phone: '+1 (207) 555-0134',
    npi: '1234567893',
  };

  it('is the Composition custodian: an Organization in the Bundle with NPI, phone and address', () => {
    const bundle = noteToComposition(exportInput({ cosigned: true, practice }));
    expect(validateFhir(bundle)).toEqual({ valid: true, errors: [] });
    const [org] = resourceOf<Organization>(bundle, 'Organization');
    expect(org).toEqual({
      resourceType: 'Organization',
      id: expect.stringMatching(UUID) as string,
      identifier: [{ system: US_NPI_SYSTEM, value: '1234567893' }],
      active: true,
      name: 'Harbourview Counselling',
      telecom: [{ system: 'phone', value: '+1 (207) 555-0134', use: 'work' }],
      address: [
        {
          use: 'work',
          type: 'both',
          text: '12 Quay Street, Suite 4, Portland, ME 04101',
          line: ['12 Quay Street', 'Suite 4', 'Portland, ME 04101'],
        },
      ],
    });
    expect(compositionOf(bundle).custodian).toEqual({
      reference: `urn:uuid:${org?.id ?? ''}`,
      display: 'Harbourview Counselling',
    });
  });

  it('is the DocumentReference custodian, contained, and the document still validates', async () => {
    const input = exportInput({ cosigned: true, addenda: ['Late entry.'], practice });
    const doc = noteToDocumentReference(input, { pdf: await renderNotePdf(input) });
    expect(validateFhir(doc)).toEqual({ valid: true, errors: [] });
    const org = doc.contained?.find((r) => r.resourceType === 'Organization');
    expect(org).toMatchObject({
      id: 'practice',
      name: 'Harbourview Counselling',
      identifier: [{ system: US_NPI_SYSTEM, value: '1234567893' }],
    });
    expect(doc.custodian).toEqual({ reference: '#practice', display: 'Harbourview Counselling' });
    // The attached text names the practice and its contact line too.
    const text = Buffer.from(doc.content[0]?.attachment.data ?? '', 'base64').toString('utf8');
    expect(text.split('\n').slice(0, 2)).toEqual([
      'Harbourview Counselling',
      '12 Quay Street, Suite 4, Portland, ME 04101 · Phone +1 (207) 555-0134 · NPI 1234567893',
    ]);
  });

  it('has only a name when that is all the practice gave, and no custodian without a practice', () => {
    const named = noteToComposition(exportInput({ practice: { name: 'Solo Practice' } }));
    expect(validateFhir(named).errors).toEqual([]);
    expect(resourceOf<Organization>(named, 'Organization')).toEqual([
      {
        resourceType: 'Organization',
        id: expect.stringMatching(UUID) as string,
        active: true,
        name: 'Solo Practice',
      },
    ]);
    const none = exportInput({ practice: null });
    const bundle = noteToComposition(none);
    expect(resourceOf(bundle, 'Organization')).toEqual([]);
    expect(compositionOf(bundle).custodian).toBeUndefined();
    const doc = noteToDocumentReference(none);
    expect(validateFhir(doc).errors).toEqual([]);
    expect(doc.custodian).toBeUndefined();
    expect(doc.contained?.some((r) => r.resourceType === 'Organization')).toBe(false);
  });

  it('keeps one Organization id per practice (by NPI, else by name)', () => {
    const id = (p: PracticeRef) =>
      resourceOf<Organization>(noteToComposition(exportInput({ practice: p })), 'Organization')[0]
        ?.id;
    expect(id(practice)).toBe(id({ ...practice, name: 'Renamed' }));
    expect(id({ name: 'A' })).not.toBe(id({ name: 'B' }));
  });
});

describe('text helpers', () => {
  it('escapes XHTML markup and removes characters XML cannot hold', () => {
    expect(escapeXhtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
    expect(escapeXhtml('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
    expect(escapeXhtml('x\ud800y\uffffz')).toBe('x\ufffdy\ufffdz');
    expect(escapeXhtml('&amp;')).toBe('&amp;amp;');
    expect(escapeXhtml('🙂 é 李')).toBe('🙂 é 李');
  });

  it('makes FHIR strings: ordinary spaces, no controls, trimmed, never empty', () => {
    expect(fhirString('\u00a0 A\u2003B\u3000C\u0001 ')).toBe('A B C');
    expect(fhirString('line\nbreak\ttab')).toBe('line\nbreak\ttab');
    expect(fhirString('\u200b', 'n/a')).toBe('\u200b');
    expect(fhirString(' \u00a0 ', 'n/a')).toBe('n/a');
  });

  it('derives stable, distinct UUIDs from record ids', () => {
    const a = recordUuid('note', 'abc_DEF-123');
    expect(a).toMatch(UUID);
    expect(recordUuid('note', 'abc_DEF-123')).toBe(a);
    expect(recordUuid('client', 'abc_DEF-123')).not.toBe(a);
  });
});
