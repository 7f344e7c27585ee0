import { describe, expect, it } from 'vitest';
import { DocscribError } from '../../core/errors.js';
import { errorBody } from './errors.js';

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

  it('maps anything unexpected to 500 with a generic message', () => {
    const r = errorBody(new TypeError('secret detail'));
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.body)).not.toContain('secret detail');
  });
});
