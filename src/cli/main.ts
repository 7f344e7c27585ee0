/**
 * STUB (owned by the CLI work): the `docscrib` command line. Returns the process exit code.
 */
export async function main(argv: readonly string[]): Promise<number> {
  await Promise.resolve();
  process.stdout.write(`docscrib: not yet implemented (${argv.length} args)\n`);
  return 0;
}
