import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { loadConfig } from '../../server/config.js';
import type { AuditVerifyResult } from '../../server/security/audit.js';
import { ExitCode, usageError } from '../errors.js';
import type { Io } from '../io.js';

interface AuditVerifyOptions {
  data?: string;
}

const VERIFY_HELP = `
Reads the configured database (DATABASE_URL, or <data dir>/docscrib.db) with the server's key
(DOCSCRIB_ENCRYPTION_KEY, or <data dir>/docscrib.key) and recomputes the audit log's HMAC chain.
It changes nothing.

Exit codes:
  0  the chain is intact
  1  the log was tampered with: the first bad entry is named
  2  no database or key found, or a bad setting

Examples:
  $ docscrib audit verify
  $ docscrib audit verify --data /var/lib/docscrib`;

export function registerAudit(program: Command, io: Io, done: (code: ExitCode) => void): void {
  const audit = program
    .command('audit')
    .summary('check the audit log (docscrib audit verify)')
    .description('Commands for the audit log of the DocScrib server.');
  audit
    .command('verify')
    .summary('detect tampering with the audit log (recompute its HMAC chain)')
    .option('--data <dir>', 'the data directory (default: DOCSCRIB_DATA_DIR or ./data)')
    .addHelpText('after', VERIFY_HELP)
    .action(async (opts: AuditVerifyOptions) => {
      done(await runAuditVerify({ env: process.env, dataDir: opts.data }, io));
    });
}

/**
 * `docscrib audit verify`: prints `audit log verified: N entries, chain intact` (exit 0) or
 * `audit log TAMPERED at entry #seq: reason` (exit 1). Throws a usage error (exit 2) when there is
 * no database or key to check: it never creates either.
 */
export async function runAuditVerify(
  options: { env: NodeJS.ProcessEnv; dataDir?: string | undefined; cwd?: string },
  io: Io,
): Promise<ExitCode> {
  const config = loadConfig(options.env, { dataDir: options.dataDir }, options.cwd);
  if (config.database.kind === 'sqlite' && !existsSync(config.database.path)) {
    throw usageError(
      `no database at ${config.database.path}`,
      'pass --data with the data directory the server uses, or set DATABASE_URL as for the server',
    );
  }
  // The server's composition root, read-only: no migrations run, and without a key (neither
  // DOCSCRIB_ENCRYPTION_KEY nor the key file) a usage error instead of a new key file.
  const { openKeysAndStore } = await import('../../server/app.js');
  const opened = await openKeysAndStore(config, { migrate: false, createKey: false });
  let result: AuditVerifyResult;
  try {
    result = await opened.auditLog.verify();
  } finally {
    await opened.close();
  }
  if (result.ok) {
    const n = result.count;
    io.out(`audit log verified: ${n} ${n === 1 ? 'entry' : 'entries'}, chain intact\n`);
    return ExitCode.ok;
  }
  io.out(`audit log TAMPERED at entry #${result.seq}: ${result.reason}\n`);
  // 1: the check found a problem (the same code as review errors for note / review).
  return ExitCode.reviewErrors;
}
