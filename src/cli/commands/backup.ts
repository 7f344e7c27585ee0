import type { Command } from 'commander';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.js';
import { ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import type { GlobalOptions } from './shared.js';

interface BackupOptions extends GlobalOptions {
  data?: string;
  out?: string;
}

export function registerBackup(program: Command, io: Io, done: (code: ExitCode) => void): void {
  program
    .command('backup')
    .summary('copy the SQLite database to a backup file (safe while the server runs)')
    .description(
      "Copy the database with SQLite's online backup API into one self-contained file, checked\n" +
        'before it is kept (mode 0600). The notes stay encrypted: a backup opens only with the\n' +
        'same key (<data dir>/docscrib.key or DOCSCRIB_ENCRYPTION_KEY); keep the key safe and\n' +
        'apart from the backups. PostgreSQL databases are backed up with pg_dump instead.',
    )
    .option('--data <dir>', 'data directory (default: DOCSCRIB_DATA_DIR or ./data)')
    .option('-o, --out <file>', 'backup file (default: <data dir>/backups/docscrib-<time>.db)')
    .addHelpText(
      'after',
      `
Examples:
  $ docscrib backup
  $ docscrib backup --data /srv/docscrib --out /mnt/backups/docscrib-monday.db`,
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<BackupOptions>();
      const config = loadConfig(process.env, { dataDir: opts.data });
      const stamp = new Date()
        .toISOString()
        .replace(/\..*$/, '')
        .replace(/[-:]/g, '')
        .replace('T', '-');
      const out = opts.out ?? join(config.dataDir, 'backups', `docscrib-${stamp}.db`);
      const { backupDatabase } = await import('../../server/store/backup.js');
      const result = await backupDatabase(config.database.url, out);
      io.out(`Backed up to ${result.path} (${result.bytes} bytes).\n`);
      if (opts.quiet !== true) {
        io.err(
          "The backup opens only with this installation's encryption key: keep a copy of the key\n" +
            '(docscrib.key in the data directory, or DOCSCRIB_ENCRYPTION_KEY) safe, apart from the backups.\n',
        );
      }
      done(ExitCode.ok);
    });
}
