import { describe, expect, it } from 'vitest';
import type { CaptureSummary } from '../../types';
import { captureCellView } from './capture-cell';

const capture = (patch: Partial<CaptureSummary>): CaptureSummary => ({
  mode: 'live',
  status: 'recording',
  engine: 'pocketsphinx',
  quality: 'draft',
  progress: null,
  noteId: null,
  ...patch,
});

describe('captureCellView', () => {
  it('links the owner to continue a recording', () => {
    expect(captureCellView(capture({ status: 'paused' }), 's1', true)).toEqual({
      text: 'Continue recording (paused)',
      href: expect.stringContaining('s1') as unknown,
    });
  });

  it('shows a supervisor (not the owner) plain status text, no link to the recording', () => {
    expect(captureCellView(capture({}), 's1', false)).toEqual({ text: 'Recording…', href: null });
    expect(captureCellView(capture({ status: 'paused' }), 's1', false)).toEqual({
      text: 'Recording (paused)',
      href: null,
    });
  });

  it('links the note when there is one, otherwise says the status', () => {
    const done = captureCellView(capture({ status: 'ready', noteId: 'n1' }), 's1', false);
    expect(done.text).toBe('Recorded: open the note');
    expect(done.href).toContain('n1');
    expect(captureCellView(capture({ mode: 'upload', status: 'queued' }), 's1', true)).toEqual({
      text: 'Waiting for the transcription to start…',
      href: null,
    });
    expect(captureCellView(undefined, 's1', true)).toEqual({ text: 'None', href: null });
  });
});
