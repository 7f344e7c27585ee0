/**
 * The OpenAI-compatible engine's server address: turning what a user configures
 * (`DOCSCRIB_SPEECH_BASE_URL`, the practice setting) into the endpoint URLs, and deciding whether
 * the server is on this machine or a private network (where a plain-http, key-less server is
 * normal) or somewhere on the internet (where audio of a therapy session must travel encrypted and
 * the service needs a key).
 *
 * Accepted base URLs: `http://host:8080/v1`, with or without a trailing slash; a bare origin
 * (`http://host:8080`, every known server serves the API under `/v1`, so `/v1` is added); and the
 * full endpoint a user may paste (`…/v1/audio/transcriptions`, the suffix is dropped). Any other
 * path is kept as given (`https://api.groq.com/openai/v1`). Credentials, a query or a fragment in
 * the URL are refused: the key belongs in `DOCSCRIB_SPEECH_API_KEY`, never in a URL that ends up in
 * settings, logs and error messages.
 *
 * Error messages name the server by its origin (scheme, host, port) only.
 */
import { isIP } from 'node:net';
import { DocscribError } from '../../core/errors.js';

export interface SpeechServerUrl {
  /** The normalised base URL, ending in the API root (usually `/v1`), no trailing slash. */
  readonly base: string;
  /** `scheme://host:port`: the only part of the address error messages show. */
  readonly origin: string;
  /** `${base}/audio/transcriptions`. */
  readonly transcriptions: string;
  /** `${base}/models`. */
  readonly models: string;
  /** The host is this machine or a private network (loopback, RFC 1918, link-local, `.local`…). */
  readonly local: boolean;
}

const BASE_URL_HINT =
  'Set the base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (whisper.cpp server) or https://api.openai.com/v1 (DOCSCRIB_SPEECH_BASE_URL, or the practice speech settings).';

function invalid(message: string, hint = BASE_URL_HINT): DocscribError {
  return new DocscribError('engine.unavailable', message, hint);
}

/**
 * Normalise a configured base URL. Throws `engine.unavailable` for a missing or malformed URL,
 * another scheme than http/https, credentials, a query or a fragment.
 */
export function parseSpeechServerUrl(raw: string | undefined): SpeechServerUrl {
  const text = (raw ?? '').trim();
  if (text === '') throw invalid('No speech server is configured for the openai engine.');
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(text)) {
    throw invalid('The speech server base URL must start with http:// or https://.');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('The speech server base URL is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(
      `The speech server base URL must start with http:// or https:// (got ${url.protocol}//).`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid(
      'The speech server base URL must not contain a user name or password.',
      'Remove them from the URL and put the API key in DOCSCRIB_SPEECH_API_KEY.',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalid(
      `The speech server base URL for ${url.origin} must not have a query (?…) or fragment (#…).`,
      'Give only the API root, e.g. https://host/v1; put the API key in DOCSCRIB_SPEECH_API_KEY.',
    );
  }
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/audio\/transcriptions$/, '');
  if (path === '') path = '/v1';
  const base = `${url.origin}${path}`;
  return {
    base,
    origin: url.origin,
    transcriptions: `${base}/audio/transcriptions`,
    models: `${base}/models`,
    local: isLocalHost(url.hostname),
  };
}

/** Names that only resolve on this machine or a private network. */
const LOCAL_SUFFIXES = ['.localhost', '.local', '.lan', '.internal', '.home.arpa', '.intranet'];

/**
 * Whether a URL host (as `URL#hostname` gives it: IPv6 in brackets) is this machine or a private
 * network: loopback, RFC 1918 / CGNAT / link-local IPv4, IPv6 loopback / unique-local / link-local,
 * `localhost`, a single-label name (a container or LAN host such as `whisper`) or a private-use
 * suffix (`.local`, `.lan`, `.internal`, `.home.arpa`). By name only: no DNS lookup.
 */
export function isLocalHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  const kind = isIP(host);
  if (kind === 4) return isPrivateIpv4(host);
  if (kind === 6) return isPrivateIpv6(host);
  if (host === 'localhost' || !host.includes('.')) return true;
  return LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

function isPrivateIpv4(ip: string): boolean {
  const [a = -1, b = -1] = ip.split('.').map(Number);
  return (
    a === 127 ||
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127) ||
    a === 0
  );
}

function isPrivateIpv6(ip: string): boolean {
  if (ip === '::1' || ip === '::') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped?.[1] !== undefined) return isPrivateIpv4(mapped[1]);
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (mappedHex?.[1] !== undefined && mappedHex[2] !== undefined) {
    const hi = parseInt(mappedHex[1], 16);
    const lo = parseInt(mappedHex[2], 16);
    return isPrivateIpv4(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  const first = parseInt(ip.split(':')[0] ?? '', 16);
  if (Number.isNaN(first)) return false;
  // fc00::/7 unique local, fe80::/10 link-local.
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

/**
 * What the engine requires of a server before any audio goes to it: a server on the internet must
 * be reached over https (session audio is PHI) and needs an API key (every hosted service does; a
 * missing one would only fail later with 401). A server on this machine or a private network may
 * use plain http and no key (whisper.cpp server, speaches in a container).
 */
export function assertSafeToSend(url: SpeechServerUrl, apiKey: string | undefined): void {
  if (url.local) return;
  if (!url.base.startsWith('https:')) {
    throw new DocscribError(
      'engine.unavailable',
      `The speech server at ${url.origin} is not on this machine or a private network and is reached over plain http.`,
      'Use https:// for a speech server on the internet (session audio must travel encrypted), or run the server on this machine or your private network.',
    );
  }
  if (apiKey === undefined || apiKey.trim() === '') {
    throw new DocscribError(
      'engine.unavailable',
      `No API key is set for the speech server at ${url.origin}.`,
      'Set DOCSCRIB_SPEECH_API_KEY to the service’s API key. A hosted service receives session audio: use one only under a business associate agreement (BAA).',
    );
  }
}
