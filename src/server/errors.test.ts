import { describe, expect, it } from 'vitest';
import { validationFailed } from './errors.js';

describe('validationFailed', () => {
  it('names the part of the request and its one problem', () => {
    const e = validationFailed([
      { path: 'body.goals[1].id', message: 'is already used by goals[0]' },
    ]);
    expect(e.code).toBe('validation_failed');
    expect(e.status).toBe(400);
    expect(e.message).toBe(
      'The request body is not valid (body.goals[1].id: is already used by goals[0]).',
    );
    expect(e.hint).toBe('Fix the fields listed in `issues` and send it again.');
    expect(e.issues).toEqual([
      { path: 'body.goals[1].id', message: 'is already used by goals[0]' },
    ]);
  });

  it('counts the problems, names the first, and takes a hint', () => {
    const e = validationFailed(
      [
        { path: 'query.limit', message: 'must be at most 1000.' },
        { path: 'query.after', message: 'must be a number' },
      ],
      'Ask for fewer.',
    );
    expect(e.message).toBe(
      'The request query is not valid (2 problems; first query.limit: must be at most 1000).',
    );
    expect(e.hint).toBe('Ask for fewer.');
    expect(e.issues).toHaveLength(2);
  });

  it('says the request is not valid when no issue is named', () => {
    expect(validationFailed([]).message).toBe('The request is not valid.');
  });
});
