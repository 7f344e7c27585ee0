import { describe, expect, it } from 'vitest';
import { DocscribError } from '../../core/errors.js';
import { z } from 'zod';
import { InternalError } from '../errors.js';
import { errorBody, isCallerError, validationError } from './errors.js';

describe('validationError', () => {
  it('lists a zod failure in the one validation_failed shape, unknown fields by name', () => {
    const schema = z.strictObject({ limit: z.number().max(10) });
    const parsed = schema.safeParse({ limit: 11, extra: 1 });
    if (parsed.success) throw new Error('the input should fail');
    const e = validationError('query', parsed.error);
    expect(e.code).toBe('validation_failed');
    expect(e.issues?.map((i) => i.path)).toEqual(['query.limit', 'query.extra']);
    expect(e.message).toMatch(/^The request query is not valid \(2 problems; first query\.limit: /);
  });
});

describe('errorBody', () => {
  it('maps an unreadable transcript to 400 naming the line, never the content', () => {
    const r = errorBody(
      new DocscribError('input.parse', 'The transcript could not be read', 'Check the format.', {
        line: 7,
      }),
    );
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({
      code: 'bad_request',
      message: 'The transcript could not be read (line 7)',
      hint: 'Check the format.',
    });
  });

  it('maps a stored field that does not decrypt to 500 internal without details', () => {
    const r = errorBody(new DocscribError('decrypt_failed', 'field did not open', 'check the key'));
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('internal');
    expect(JSON.stringify(r.body)).not.toContain('field did not open');
  });

  it('maps the core codes about input (input.*, plan.invalid, note.invalid) to 400 and the rest to 500', () => {
    const caller = [
      'input.empty',
      'input.binary',
      'input.encoding',
      'input.too_large',
      'input.format_unknown',
      'input.parse',
      'input.roles',
      'plan.invalid',
      'note.invalid',
    ] as const;
    for (const code of caller) {
      const r = errorBody(new DocscribError(code, `problem ${code}`, 'fix it'));
      expect(r.status, code).toBe(400);
      expect(r.body.error, code).toEqual({
        code: 'bad_request',
        message: `problem ${code}`,
        hint: 'fix it',
      });
    }
    for (const code of ['usage', 'decrypt_failed'] as const) {
      const r = errorBody(new DocscribError(code, `detail of ${code}`, 'a hint'));
      expect(r.status, code).toBe(500);
      expect(r.body.error.code, code).toBe('internal');
      expect(JSON.stringify(r.body), code).not.toMatch(/detail of|a hint/);
    }
    expect(isCallerError('input.parse')).toBe(true);
    expect(isCallerError('usage')).toBe(false);
  });

  it('maps an InternalError to 500 without its detail', () => {
    const r = errorBody(new InternalError('FHIR export of note n1, which is not signed'));
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('internal');
    expect(JSON.stringify(r.body)).not.toMatch(/FHIR|n1|signed/);
  });

  it('maps anything unexpected to 500 with a generic message', () => {
    const r = errorBody(new TypeError('secret detail'));
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.body)).not.toContain('secret detail');
  });
});
