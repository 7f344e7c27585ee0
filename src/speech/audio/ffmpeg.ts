/**
 * What the audio module shares about running ffmpeg/ffprobe: the program names, the supported
 * formats for hints, and turning a failure into a `DocscribError` in our own words.
 *
 * ffmpeg's stderr can quote a file's metadata (title, artist, comment tags: a recording's tags may
 * name a client), so it is never passed on: it is only matched against known failure patterns and
 * the user gets one of our fixed sentences, naming the file by its base name.
 */
import { basename } from 'node:path';
import { DocscribError } from '../../core/errors.js';

/** Formats we test and promise; ffmpeg reads many more. */
export const SUPPORTED_AUDIO_FORMATS = ['wav', 'mp3', 'm4a', 'ogg', 'webm', 'flac'] as const;

export const FORMATS_HINT = `Use an audio recording in one of: ${SUPPORTED_AUDIO_FORMATS.join(', ')}.`;

export const FFMPEG_INSTALL_HINT =
  'Install ffmpeg (it provides ffmpeg and ffprobe): sudo apt-get install ffmpeg';

/** How a file is named in messages: its base name, or "the audio stream" for piped input. */
export function audioName(input: string | undefined): string {
  return input === undefined ? 'The audio stream' : basename(input);
}

/** The program could not be started at all. */
export function programMissing(program: string): DocscribError {
  return new DocscribError(
    'engine.unavailable',
    `${program} is not installed (it decodes audio files).`,
    FFMPEG_INSTALL_HINT,
  );
}

export const PATH_HINT = 'Check the file path.';

/** Reasons, tested against stderr in order; the first match words the error. */
const REASONS: readonly [RegExp, string][] = [
  [/No such file or directory/i, 'does not exist'],
  [/Permission denied/i, 'cannot be read (permission denied)'],
  [/Is a directory/i, 'is a directory, not an audio file'],
  [/matches no streams|does not contain any stream|no audio stream/i, 'has no audio stream'],
  [/not available from input layout/i, 'does not have the requested channel'],
  [/moov atom not found/i, 'is an incomplete MP4/M4A file (its index is missing)'],
  [/partial file/i, 'is an incomplete MP4/M4A file'],
  [
    /Invalid data found when processing input|could not find codec parameters|Unknown input format|unspecified sample format|detected only with low score/i,
    'is not a recognised audio file',
  ],
  [/: Invalid argument$/im, 'is not a recognised audio file'],
  [
    /Error while decoding|Invalid data|corrupt|truncat|Packet corrupt|invalid frame|End of file/i,
    'is damaged and could not be decoded',
  ],
];

/** MP4/M4A keep their index where they like; at the end, a stream cannot be decoded. */
export const PIPED_MP4_REASON =
  'is an MP4/M4A file with its index at the end, which can only be decoded from a file, not a stream';

/**
 * A fixed reason for an ffmpeg/ffprobe failure (never stderr itself). `piped`: the input came
 * through stdin, where an MP4 whose index (moov) follows the samples reads as a "partial file".
 */
export function failureReason(stderr: string, piped = false): string {
  if (piped && /partial file|moov atom not found/i.test(stderr)) return PIPED_MP4_REASON;
  for (const [pattern, reason] of REASONS) if (pattern.test(stderr)) return reason;
  return 'could not be decoded';
}

/** The hint that goes with a reason: where the problem is the path, say so. */
function hintFor(reason: string): string {
  if (reason === 'does not exist' || reason.startsWith('is a directory')) return PATH_HINT;
  if (reason.startsWith('cannot be read')) return 'Check the file permissions.';
  if (reason === 'does not have the requested channel') {
    return 'Pick a channel the recording has (0 is the first), or leave the channel out to mix all.';
  }
  return FORMATS_HINT;
}

/** `audio.decode` for a named file (or the piped stream) with a fixed reason. */
export function decodeError(input: string | undefined, reason: string): DocscribError {
  const name = audioName(input);
  return new DocscribError(
    'audio.decode',
    `${name} ${reason}.`,
    hintFor(reason),
    input === undefined ? {} : { file: name },
  );
}

/** Keep only the last `max` characters of a growing stderr text (bounded memory). */
export function appendTail(tail: string, chunk: string, max = 8192): string {
  const next = tail + chunk;
  return next.length > max ? next.slice(next.length - max) : next;
}

/**
 * Input options for ffmpeg and ffprobe reading untrusted audio: only the local file or our pipe
 * may be opened, and only audio container formats may read it. Without this a crafted upload
 * (an HLS playlist, an ffconcat list named `.wav`) could make ffmpeg fetch URLs or read other
 * local files into the "audio". `mov` covers mp4/m4a, `ogg` covers opus/oga, `matroska` webm.
 */
export const SAFE_INPUT_ARGS: readonly string[] = [
  '-protocol_whitelist',
  'file,pipe',
  '-format_whitelist',
  'wav,w64,mp3,mov,ogg,matroska,webm,flac,aac,aiff,caf',
];
