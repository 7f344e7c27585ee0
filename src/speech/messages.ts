/**
 * What a clinician is told about a transcript recognised from audio, worded for where they read
 * it: the CLI (which has `--speakers`) or the app (which has the Speakers panel). The core's
 * advice for a one-speaker transcript ("use a transcript with speaker labels") is for typed
 * transcripts; a recording gets {@link speechOneVoiceWarning} instead.
 */
import { ONE_SPEAKER_WARNING } from '../core/transcript/roles.js';
import type { Transcript } from '../core/transcript/schema.js';

/** Where the message is read. */
export type SpeechMessageContext = 'cli' | 'app';

const ONE_VOICE =
  'Only one voice was heard in the recording, so clinician and client turns cannot be told apart.';

/**
 * The warning for a recording in which one voice was heard. `speakersGiven`: the CLI was already
 * told how many people spoke (`--speakers` > 1), so it is not told to do so again.
 */
export function speechOneVoiceWarning(
  context: SpeechMessageContext,
  opts: { speakersGiven?: boolean } = {},
): string {
  if (context === 'app') {
    return `${ONE_VOICE} Check that voice's role (clinician or client) in the Speakers panel.`;
  }
  return opts.speakersGiven
    ? ONE_VOICE
    : `${ONE_VOICE} If two people spoke, run it again with --speakers 2.`;
}

/**
 * A transcript recognised from audio with the core's one-speaker warning replaced by `message`
 * (see {@link speechOneVoiceWarning}); every other warning is kept. Unchanged when it has none.
 */
export function withOneVoiceWarning(transcript: Transcript, message: string): Transcript {
  if (!transcript.warnings.some((w) => w.message === ONE_SPEAKER_WARNING)) return transcript;
  return {
    ...transcript,
    warnings: transcript.warnings.map((w) =>
      w.message === ONE_SPEAKER_WARNING ? { ...w, message } : w,
    ),
  };
}
