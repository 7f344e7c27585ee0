import type { Command } from 'commander';
import { loadConfig } from '../../server/config.js';
import { ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import type { GlobalOptions } from './shared.js';

interface RestoreOptions extends GlobalOptions {
  data?: string;
  force?: boolean;
}

export function registerRestore(program: Command, io: Io, done: (code: ExitCode) => void): void {
  program
    .command('restore')
    .summary('replace the SQLite database with a backup (stop the server first)')
    .description(
      'Check a backup made by `docscrib backup` (SQLite integrity check, DocScrib tables, not from\n' +
        'a newer version), then put it in place as the database of the data directory. Stop the\n' +
        'server first. An existing database is replaced only with --force, and is then kept beside\n' +
        'it as docscrib.db.before-restore-<time>. The restored data opens only with the key it was\n' +
        'written with. PostgreSQL databases are restored with pg_restore instead.',
    )
    .argument('<file>', 'backup file')
    .option('--data <dir>', 'data directory (default: DOCSCRIB_DATA_DIR or ./data)')
    .option('--force', 'replace an existing database (the server must be stopped)')
    .addHelpText(
      'after',
      `
Examples:
  $ docscrib restore backups/docscrib-20250304-120000.db --data /srv/docscrib-new
  $ docscrib restore /mnt/backups/docscrib-monday.db --data /srv/docscrib --force`,
    )
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<RestoreOptions>();
      const config = loadConfig(process.env, { dataDir: opts.data });
      const { restoreDatabase } = await import('../../server/store/backup.js');
      const result = restoreDatabase(file, config.database.url, { force: opts.force === true });
      io.out(`Restored ${file} to ${result.path}.\n`);
      if (result.previous !== null)
        io.out(`The replaced database was kept as ${result.previous}.\n`);
      done(ExitCode.ok);
    });
}
