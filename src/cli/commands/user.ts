import { Option, type Command } from 'commander';
import { DocscribError } from '../../core/errors.js';
import { loadConfig } from '../../server/config.js';
import { EmailSchema, RoleSchema, type Role } from '../../server/domain/schemas.js';
import { isApiError } from '../../server/errors.js';
import { ExitCode, usageError } from '../errors.js';
import type { Io } from '../io.js';
import type { ServerIo } from './serve.js';

interface UserAddOptions {
  email: string;
  role: Role;
  name?: string;
  supervisor?: string;
  passwordStdin?: boolean;
  data?: string;
}

export function registerUser(program: Command, io: Io, done: (code: ExitCode) => void): void {
  const user = program.command('user').summary('manage DocScrib users (user add)');
  user
    .command('add')
    .summary('add a user; the password is read from standard input')
    .requiredOption('--email <email>', "the user's email (their sign-in name)")
    .addOption(
      new Option('--role <role>', 'admin, clinician or supervisor')
        .choices(RoleSchema.options)
        .makeOptionMandatory(),
    )
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .option('--supervisor <email>', "the supervisor who co-signs this clinician's notes")
    .option('--password-stdin', 'read the password from standard input (required)')
    .option('--data <dir>', 'data directory (default: DOCSCRIB_DATA_DIR or ./data)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ printf \'%s\\n\' "$PASSWORD" | docscrib user add --email ada@example.org --role admin --password-stdin\n' +
        '  $ docscrib user add --email sam@example.org --role clinician --supervisor lee@example.org --password-stdin < pw.txt\n\n' +
        'Passwords are 12 to 256 characters. An administrator must set up two-step sign-in at first sign-in.',
    )
    .action(async (opts: UserAddOptions) => {
      await addUser(opts, io);
      done(ExitCode.ok);
    });
}

async function addUser(opts: UserAddOptions, io: ServerIo): Promise<void> {
  if (!opts.passwordStdin) {
    throw usageError(
      'user add needs --password-stdin: the password is read from standard input',
      'pipe it in, e.g. printf \'%s\\n\' "$PASSWORD" | docscrib user add … --password-stdin (a password on the command line would end up in the shell history)',
    );
  }
  const email = EmailSchema.safeParse(opts.email);
  if (!email.success) {
    throw usageError(`--email is not a valid email address`, 'use the form name@example.org');
  }
  const name = (opts.name ?? opts.email.trim().split('@')[0] ?? '').trim();
  if (name === '' || name.length > 200) {
    throw usageError('--name must be 1 to 200 characters', 'e.g. --name "Dr Sam Lee"');
  }
  const password = stripNewline(await (io.readStdin ?? readProcessStdin)());
  if (password === '') {
    throw usageError(
      'no password on standard input',
      'pipe it in, e.g. printf \'%s\\n\' "$PASSWORD" | docscrib user add … --password-stdin',
    );
  }

  const config = loadConfig(io.env ?? process.env, { dataDir: opts.data });
  const { openRuntime } = await import('../../server/app.js');
  const runtime = await openRuntime(config, {
    logger: {
      info: () => undefined,
      error: (l) => {
        io.err(`${l}\n`);
      },
    },
  });
  try {
    let supervisorId: string | null = null;
    if (opts.supervisor !== undefined) {
      const supervisor = await runtime.store.users.getByEmail(opts.supervisor.trim().toLowerCase());
      if (!supervisor) {
        throw usageError(
          `--supervisor: no user with that email`,
          'add the supervisor first (--role supervisor), then this user',
        );
      }
      supervisorId = supervisor.id;
    }
    const { UserService } = await import('../../server/services/users.js');
    const users = new UserService(runtime.deps);
    const created = await users
      .create('system', { email: email.data, name, role: opts.role, password, supervisorId })
      .catch((e: unknown) => {
        if (!isApiError(e)) throw e;
        const field = e.issues?.[0]?.path.replace(/^body\./, '');
        const hint =
          e.code === 'conflict'
            ? 'use another email, or change the existing user in the web app (Users)'
            : field === 'supervisorId'
              ? '--supervisor must name an enabled user with the supervisor role, and an admin has no supervisor'
              : (e.hint ?? 'check the options');
        // A rule an option broke: name the option, say it as the issue does.
        const issue = e.code === 'validation_failed' ? e.issues?.[0]?.message : undefined;
        const message = issue !== undefined ? `${optionFor(field)}: ${issue}` : e.message;
        throw new DocscribError('usage', message.replace(/\.$/, ''), hint);
      });
    io.out(`Added ${created.role} ${created.email} (id ${created.id}).\n`);
    if (created.role === 'admin') {
      io.out('At first sign-in they will set up two-step sign-in with an authenticator app.\n');
    }
  } finally {
    await runtime.close();
  }
}

/** The option of `user add` that sets a request field (`password` → `--password-stdin`). */
function optionFor(field: string | undefined): string {
  if (field === undefined) return 'user add';
  if (field === 'password') return '--password-stdin';
  if (field === 'supervisorId') return '--supervisor';
  return `--${field}`;
}

/** The password is the whole input without its final line break. */
function stripNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

async function readProcessStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw usageError(
      'standard input is a terminal; --password-stdin reads a piped password',
      'pipe it in, e.g. printf \'%s\\n\' "$PASSWORD" | docscrib user add … --password-stdin',
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > 64 * 1024)
      throw usageError('standard input is too long for a password', 'pipe only the password');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}
