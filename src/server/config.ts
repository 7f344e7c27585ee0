import { resolve } from 'node:path';
import { z } from 'zod';
import { DocscribError } from '../core/errors.js';

/**
 * The server's configuration: parsed ONCE at start from the environment and the command line,
 * validated with zod, frozen. A bad variable is named (never its value: it may be a secret) and
 * the process stops with exit code 2 (`ConfigError` is a usage error for the CLI).
 *
 * | variable                  | meaning                                                     |
 * | ------------------------- | ----------------------------------------------------------- |
 * | `DATABASE_URL`            | `sqlite:<path>`, `file:<path>` or `postgres(ql)://…`; absent → `<dataDir>/docscrib.db` |
 * | `DOCSCRIB_DATA_DIR`       | data directory (`--data` wins); default `./data`            |
 * | `DOCSCRIB_ENCRYPTION_KEY` | base64 of 32 bytes; absent → key file `<dataDir>/docscrib.key` |
 * | `PORT`                    | listening port (`--port` wins); default 3000               |
 * | `DOCSCRIB_HOST`           | listening address (`--host` wins); default 127.0.0.1       |
 * | `DOCSCRIB_PUBLIC_URL`     | the address users open (`https://docscrib.practice.example`); its host is answered besides localhost |
 * | `DOCSCRIB_TRUST_PROXY`    | `1`: honour `X-Forwarded-Proto`/`-For` from a reverse proxy |
 * | `DOCSCRIB_SECURE_COOKIES` | default on; `0` only for plain-http test setups             |
 * | `DOCSCRIB_DEBUG`          | `1`: log stack traces of internal errors                    |
 */
export interface Config {
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** Base64 key-encryption key from the environment, or undefined to use the key file. */
  readonly encryptionKey: string | undefined;
  readonly port: number;
  readonly host: string;
  /**
   * The origin users open DocScrib at (`https://docscrib.practice.example`, no path), from
   * `DOCSCRIB_PUBLIC_URL`. Requests for any other host than it and localhost get 421.
   */
  readonly publicUrl: string | undefined;
  readonly trustProxy: boolean;
  readonly secureCookies: boolean;
  readonly debug: boolean;
}

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly path: string; readonly url: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** Values given on the command line; they win over the environment. */
export interface ConfigOverrides {
  dataDir?: string | undefined;
  port?: number | string | undefined;
  host?: string | undefined;
}

export class ConfigError extends DocscribError {
  constructor(
    readonly variable: string,
    problem: string,
    hint: string,
  ) {
    super('usage', `${variable} is not valid: ${problem}.`, hint);
  }
}

const flag = (name: string) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''], {
      error: `${name} must be 1 or 0 (or true/false, yes/no, on/off)`,
    })
    .optional()
    .transform((v) =>
      v === undefined || v === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(v),
    );

const portSchema = z.coerce
  .number({ error: 'must be a whole number from 1 to 65535' })
  .int('must be a whole number from 1 to 65535')
  .min(1, 'must be a whole number from 1 to 65535')
  .max(65535, 'must be a whole number from 1 to 65535');

const keySchema = z.string().refine(
  // Standard or URL-safe base64, as security/keys.ts reads it.
  (v) => /^[A-Za-z0-9+/_-]{43}=?$/.test(v.trim()) && Buffer.from(v.trim(), 'base64').length === 32,
  'must be the base64 encoding of exactly 32 random bytes',
);

const databaseUrlSchema = z
  .string()
  .refine(
    (v) => /^(sqlite|file):.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v),
    'must start with sqlite:, file:, postgres:// or postgresql://',
  );

const hostSchema = z
  .string()
  .min(1, 'must not be empty')
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or an IP address');

/** An http(s) origin: scheme, host and optional port; no user, path, query or fragment. */
const publicUrlSchema = z
  .string()
  .trim()
  .refine((v) => {
    const u = URL.canParse(v) ? new URL(v) : undefined;
    return (
      u !== undefined &&
      (u.protocol === 'https:' || u.protocol === 'http:') &&
      u.hostname !== '' &&
      u.username === '' &&
      u.password === '' &&
      u.pathname === '/' &&
      u.search === '' &&
      u.hash === '' &&
      !/[?#]$/.test(v)
    );
  }, 'must be an http(s) address without a path, such as https://docscrib.practice.example')
  .transform((v) => new URL(v).origin);

const FIELDS = {
  DATABASE_URL: {
    schema: databaseUrlSchema.optional(),
    hint: 'Use sqlite:/path/to/docscrib.db or postgres://user:password@host:5432/db, or unset it to use <data dir>/docscrib.db.',
  },
  DOCSCRIB_DATA_DIR: {
    schema: z.string().min(1, 'must not be empty').optional(),
    hint: 'Set it to a directory path, or unset it to use ./data.',
  },
  DOCSCRIB_ENCRYPTION_KEY: {
    schema: keySchema.optional(),
    hint: "Generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\", or unset it to use the key file in the data directory.",
  },
  PORT: { schema: portSchema.optional(), hint: 'Use a port such as 3000.' },
  DOCSCRIB_HOST: {
    schema: hostSchema.optional(),
    hint: 'Use 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces).',
  },
  DOCSCRIB_PUBLIC_URL: {
    schema: publicUrlSchema.optional(),
    hint: 'Set it to the address people type to reach DocScrib, e.g. https://docscrib.practice.example, or unset it to use DocScrib on this machine only (http://localhost).',
  },
  DOCSCRIB_TRUST_PROXY: {
    schema: flag('DOCSCRIB_TRUST_PROXY'),
    hint: 'Set it to 1 only behind a reverse proxy that terminates TLS.',
  },
  DOCSCRIB_SECURE_COOKIES: {
    schema: flag('DOCSCRIB_SECURE_COOKIES'),
    hint: 'Leave it unset (on); browsers accept secure cookies on http://localhost.',
  },
  DOCSCRIB_DEBUG: { schema: flag('DOCSCRIB_DEBUG'), hint: 'Use 1 or unset it.' },
} as const;

type FieldName = keyof typeof FIELDS;

const STRICT_WHEN_EMPTY: ReadonlySet<FieldName> = new Set([
  'DATABASE_URL',
  'DOCSCRIB_ENCRYPTION_KEY',
]);

function read<N extends FieldName>(
  name: N,
  raw: unknown,
  label: string = name,
): z.output<(typeof FIELDS)[N]['schema']> {
  const field = FIELDS[name];
  // An empty environment variable counts as unset, except where falling back would silently
  // switch the database or the key; an empty command-line value is an error.
  const emptyIsUnset = label === name && !STRICT_WHEN_EMPTY.has(name);
  const parsed = field.schema.safeParse(raw === '' && emptyIsUnset ? undefined : raw);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'invalid';
    throw new ConfigError(label, message.replace(/^\S+ must/, 'must'), field.hint);
  }
  return parsed.data as z.output<(typeof FIELDS)[N]['schema']>;
}

/**
 * Parse the configuration. Throws `ConfigError` naming the first bad variable (or option).
 * `cwd` resolves relative paths (tests pass a temp dir).
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: ConfigOverrides = {},
  cwd: string = process.cwd(),
): Config {
  const dataDirRaw =
    overrides.dataDir !== undefined
      ? read('DOCSCRIB_DATA_DIR', overrides.dataDir, '--data')
      : read('DOCSCRIB_DATA_DIR', env['DOCSCRIB_DATA_DIR']);
  const dataDir = resolve(cwd, dataDirRaw ?? './data');

  const url = read('DATABASE_URL', env['DATABASE_URL']);
  let database: DatabaseConfig;
  if (url === undefined) {
    const path = resolve(dataDir, 'docscrib.db');
    database = { kind: 'sqlite', path, url: `sqlite:${path}` };
  } else if (/^postgres(ql)?:\/\//.test(url)) {
    database = { kind: 'postgres', url };
  } else {
    const path = resolve(cwd, url.replace(/^(sqlite|file):(\/\/)?/, ''));
    database = { kind: 'sqlite', path, url: `sqlite:${path}` };
  }

  const port =
    overrides.port !== undefined
      ? read('PORT', overrides.port, '--port')
      : (read('PORT', env['PORT']) ?? 3000);
  const host =
    overrides.host !== undefined
      ? read('DOCSCRIB_HOST', overrides.host, '--host')
      : (read('DOCSCRIB_HOST', env['DOCSCRIB_HOST']) ?? '127.0.0.1');

  const config: Config = {
    dataDir,
    database: Object.freeze(database),
    encryptionKey: read('DOCSCRIB_ENCRYPTION_KEY', env['DOCSCRIB_ENCRYPTION_KEY'])?.trim(),
    port: port ?? 3000,
    host: host ?? '127.0.0.1',
    publicUrl: read('DOCSCRIB_PUBLIC_URL', env['DOCSCRIB_PUBLIC_URL']),
    trustProxy: read('DOCSCRIB_TRUST_PROXY', env['DOCSCRIB_TRUST_PROXY']) ?? false,
    secureCookies: read('DOCSCRIB_SECURE_COOKIES', env['DOCSCRIB_SECURE_COOKIES']) ?? true,
    debug: read('DOCSCRIB_DEBUG', env['DOCSCRIB_DEBUG']) ?? false,
  };
  return Object.freeze(config);
}
