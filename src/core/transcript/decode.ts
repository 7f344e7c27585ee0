/**
 * Bytes of a transcript file → text. Pure (no I/O), so the server and the browser can use it.
 *
 * - UTF-8, with or without BOM (the BOM is dropped).
 * - UTF-16 LE/BE with a BOM; UTF-16 without a BOM when NUL bytes sit in every other position.
 * - Not valid UTF-8 but readable as Windows-1252 (Latin-1 and its superset): decoded as
 *   Windows-1252, with a warning.
 * - Binary (known signatures of audio, images, PDF, Word/ZIP; NUL bytes; many control
 *   characters): DocscribError `input.binary`.
 */
import { DocscribError } from '../errors.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  warnings: { message: string }[];
}

const SAMPLE = 8192;

interface Signature {
  bytes: readonly number[];
  offset?: number;
  what: string;
  hint: string;
}

const AUDIO_HINT =
  'This looks like an audio file: DocScrib reads transcripts. Transcribe the recording first, then give the transcript (lines, WebVTT, SRT or JSON).';
const SIGNATURES: readonly Signature[] = [
  { bytes: [0x52, 0x49, 0x46, 0x46], what: 'a RIFF file (WAV audio or video)', hint: AUDIO_HINT },
  { bytes: [0x49, 0x44, 0x33], what: 'an MP3 audio file', hint: AUDIO_HINT },
  { bytes: [0xff, 0xfb], what: 'an MP3 audio file', hint: AUDIO_HINT },
  { bytes: [0xff, 0xf3], what: 'an MP3 audio file', hint: AUDIO_HINT },
  { bytes: [0xff, 0xf1], what: 'an AAC audio file', hint: AUDIO_HINT },
  { bytes: [0x66, 0x4c, 0x61, 0x43], what: 'a FLAC audio file', hint: AUDIO_HINT },
  { bytes: [0x4f, 0x67, 0x67, 0x53], what: 'an Ogg audio file', hint: AUDIO_HINT },
  { bytes: [0x1a, 0x45, 0xdf, 0xa3], what: 'a WebM/Matroska file', hint: AUDIO_HINT },
  { bytes: [0x66, 0x74, 0x79, 0x70], offset: 4, what: 'an MP4/M4A file', hint: AUDIO_HINT },
  {
    bytes: [0x25, 0x50, 0x44, 0x46],
    what: 'a PDF',
    hint: 'Copy the transcript text out of the PDF into a .txt file, one turn per line ("Speaker: text").',
  },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: 'a ZIP archive or Word document',
    hint: 'Save the document as plain text (.txt), one turn per line ("Speaker: text").',
  },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0],
    what: 'an old-style Word/Office document',
    hint: 'Save the document as plain text (.txt), one turn per line ("Speaker: text").',
  },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', hint: 'Give a text transcript instead.' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image', hint: 'Give a text transcript instead.' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image', hint: 'Give a text transcript instead.' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive', hint: 'Unpack it first.' },
];

const BINARY_HINT =
  'This looks like a binary file (audio? use a transcript of it): give a text transcript, as lines ("[00:00:05] Therapist: text"), WebVTT, SRT or JSON.';

/** Decode a transcript file's bytes; see the module comment for the rules. */
export function decodeTranscript(bytes: Uint8Array): DecodedText {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    return utf8OrLegacy(bytes.subarray(3));
  }
  if (b0 === 0xff && b1 === 0xfe) return utf16(bytes.subarray(2), 'utf-16le');
  if (b0 === 0xfe && b1 === 0xff) return utf16(bytes.subarray(2), 'utf-16be');

  for (const sig of SIGNATURES) {
    if (matches(bytes, sig)) {
      throw new DocscribError(
        'input.binary',
        `The file is not a text transcript (it looks like ${sig.what}).`,
        sig.hint,
      );
    }
  }

  const n = Math.min(bytes.length, SAMPLE);
  let evenNul = 0;
  let oddNul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    } else if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) {
      control++;
    }
  }
  const pairs = Math.floor(n / 2);
  // UTF-16 without BOM: mostly ASCII text has a NUL in every other byte, and never in the other.
  if (pairs > 0 && oddNul >= pairs * 0.3 && evenNul <= pairs * 0.02) {
    return utf16(bytes, 'utf-16le');
  }
  if (pairs > 0 && evenNul >= pairs * 0.3 && oddNul <= pairs * 0.02) {
    return utf16(bytes, 'utf-16be');
  }
  if (evenNul + oddNul > 0 || control > Math.max(2, n * 0.01)) {
    throw new DocscribError(
      'input.binary',
      'The file is not a text transcript (it contains binary data).',
      BINARY_HINT,
    );
  }
  return utf8OrLegacy(bytes);
}

/** The text of a transcript file's bytes (warnings dropped; see {@link decodeTranscript}). */
export function decodeTranscriptBytes(bytes: Uint8Array): string {
  return decodeTranscript(bytes).text;
}

function matches(bytes: Uint8Array, sig: Signature): boolean {
  const off = sig.offset ?? 0;
  if (bytes.length < off + sig.bytes.length) return false;
  for (let i = 0; i < sig.bytes.length; i++) if (bytes[off + i] !== sig.bytes[i]) return false;
  return true;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function utf8OrLegacy(bytes: Uint8Array): DecodedText {
  try {
    return { text: UTF8.decode(bytes), encoding: 'utf-8', warnings: [] };
  } catch {
    return {
      text: windows1252(bytes),
      encoding: 'windows-1252',
      warnings: [
        {
          message:
            'The file is not valid UTF-8; it was read as Windows-1252 (Latin-1). Check accented letters and quotes, or save the file as UTF-8.',
        },
      ],
    };
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  let data = bytes;
  if (encoding === 'utf-16be') {
    // Swap to little-endian: every runtime's TextDecoder supports utf-16le.
    data = new Uint8Array(bytes.length - (bytes.length % 2));
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      data[i] = bytes[i + 1] ?? 0;
      data[i + 1] = bytes[i] ?? 0;
    }
  }
  const text = new TextDecoder('utf-16le', { ignoreBOM: true }).decode(data);
  if (text.includes('\u0000')) {
    throw new DocscribError(
      'input.binary',
      'The file is not a text transcript (it contains binary data).',
      BINARY_HINT,
    );
  }
  return { text, encoding, warnings: [] };
}

/** Windows-1252 bytes 0x80–0x9F (the rest of the range is Latin-1). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1 = /[\u0080-\u009f]/g;

/**
 * Windows-1252 via TextDecoder, with the 0x80–0x9F range mapped explicitly: some runtimes
 * decode that label as plain Latin-1 and would leave curly quotes as control characters.
 */
function windows1252(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('windows-1252').decode(bytes);
  } catch {
    text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
  }
  return text.replace(C1, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}
