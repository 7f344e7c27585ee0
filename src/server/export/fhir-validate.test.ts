import { describe, expect, it } from 'vitest';
import { fhirResourceTypes, loadFhirSchema, validateFhir } from './fhir-validate.js';

const div = (inner: string): string => `<div xmlns="http://www.w3.org/1999/xhtml">${inner}</div>`;

function composition(): Record<string, unknown> {
  return {
    resourceType: 'Composition',
    status: 'final',
    type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }] },
    date: '2025-03-04T16:02:11Z',
    author: [{ display: 'Dr. A' }],
    title: 'Progress note',
    section: [{ title: 'Plan', text: { status: 'generated', div: div('<p>Next week.</p>') } }],
  };
}

describe('validateFhir', () => {
  it('accepts valid R4 resources', () => {
    expect(validateFhir(composition())).toEqual({ valid: true, errors: [] });
    expect(
      validateFhir({ resourceType: 'Patient', name: [{ text: 'A B' }], birthDate: '1990-01-02' }),
    ).toEqual({ valid: true, errors: [] });
  });

  it('refuses a code outside its value set, naming the field and the allowed codes', () => {
    const result = validateFhir({ ...composition(), status: 'signed' });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      { path: 'status', message: 'must be one of: preliminary, final, amended, entered-in-error' },
    ]);
  });

  it('refuses a resource without a required field', () => {
    const without = (field: string): Record<string, unknown> => {
      const c = composition();
      Reflect.deleteProperty(c, field);
      return c;
    };
    expect(validateFhir(without('author')).errors).toEqual([
      { path: 'author', message: 'is required' },
    ]);
    expect(validateFhir(without('type')).errors).toContainEqual({
      path: 'type',
      message: 'is required',
    });
  });

  it('refuses unknown fields and wrongly formatted values', () => {
    const result = validateFhir({ ...composition(), signature: 'x', date: '04/03/2025' });
    expect(result.errors).toContainEqual({
      path: 'signature',
      message: 'is not a field of this FHIR R4 type',
    });
    expect(result.errors).toContainEqual({
      path: 'date',
      message: 'has the wrong format for its FHIR type',
    });
  });

  it('refuses a whitespace character FHIR strings do not allow', () => {
    expect(validateFhir({ resourceType: 'Patient', name: [{ text: 'A\u00a0B' }] }).valid).toBe(
      false,
    );
  });

  it('checks narrative XHTML: namespace, and no scripts or event handlers', () => {
    const withText = (d: string) => ({ ...composition(), text: { status: 'generated', div: d } });
    expect(validateFhir(withText(div('<p>ok</p>'))).valid).toBe(true);
    expect(validateFhir(withText('<div><p>no namespace</p></div>')).errors[0]?.path).toBe(
      'text.div',
    );
    expect(validateFhir(withText(div('<script>alert(1)</script>'))).valid).toBe(false);
    expect(validateFhir(withText(div('<p onclick="x()">hi</p>'))).valid).toBe(false);
  });

  it('validates the resources inside a Bundle and names where the problem is', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'document',
      entry: [
        { fullUrl: 'urn:uuid:1', resource: { resourceType: 'Patient' } },
        { fullUrl: 'urn:uuid:2', resource: { ...composition(), status: 'done' } },
        { fullUrl: 'urn:uuid:3', resource: { resourceType: 'Encounter', status: 'finished' } },
      ],
    };
    const { valid, errors } = validateFhir(bundle);
    expect(valid).toBe(false);
    expect(errors.map((e) => e.path)).toEqual([
      'entry[1].resource.status',
      'entry[2].resource.class',
    ]);
  });

  it('validates contained resources', () => {
    const result = validateFhir({
      resourceType: 'DocumentReference',
      status: 'current',
      contained: [{ resourceType: 'Patient', id: 'p', gender: 'x' }],
      subject: { reference: '#p' },
      content: [{ attachment: { contentType: 'text/plain', data: 'aGk=' } }],
    });
    expect(result.errors).toEqual([
      { path: 'contained[0].gender', message: 'must be one of: male, female, other, unknown' },
    ]);
  });

  it('accepts only R4 itself, not the Medplum additions in its copy of the schema', () => {
    expect(validateFhir({ resourceType: 'Bot' }).errors).toEqual([
      { path: 'resourceType', message: '"Bot" is not a FHIR R4 resource type' },
    ]);
    expect(validateFhir({ resourceType: 'Patient', meta: { project: 'x' } }).errors).toEqual([
      { path: 'meta.project', message: 'is not a field of this FHIR R4 type' },
    ]);
    expect(fhirResourceTypes().has('Composition')).toBe(true);
    expect(fhirResourceTypes().has('DocumentReference')).toBe(true);
    expect(fhirResourceTypes().has('Project')).toBe(false);
    expect(fhirResourceTypes().size).toBeGreaterThan(140);
  });

  it('says what is wrong with something that is not a resource', () => {
    expect(validateFhir('Patient').errors).toEqual([
      { path: '', message: 'must be a JSON object (a FHIR resource)' },
    ]);
    expect(validateFhir({ name: 'x' }).errors).toEqual([
      { path: 'resourceType', message: 'is required (a FHIR R4 resource type)' },
    ]);
  });

  it('loads the schema once', () => {
    const first = loadFhirSchema();
    expect(loadFhirSchema()).toBe(first);
  });
});
