// `apigw-lens` command line: dispatches to subcommands. Exit codes: 0 ok, 1 findings/failures, 2 usage or I/O problem.
import { checkCommand } from './check';
import { lspCommand } from './lsp';
import { runCommand } from './run';
import { testCommand } from './test';
import type { CliCommand, CliIO } from './types';

const COMMANDS: readonly CliCommand[] = [checkCommand, runCommand, testCommand, lspCommand];

const VERSION = '0.1.0';

function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`);
  return `apigw-lens ${VERSION}: Amazon API Gateway V2 checks and Run Route for CloudFormation/SAM templates\n\nUsage:\n${lines.join('\n')}\n\nExit codes: 0 success, 1 errors found (or a run/test failed), 2 usage or I/O problem.\n`;
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`apigw-lens: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (asksForHelp(rest)) {
    io.out(`usage: ${cmd.usage}\n\n${cmd.summary}\n`);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    io.err(`apigw-lens ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

/** True when the subcommand's arguments hold `--help` or `-h` (before a `--` that ends the options). */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Runs the CLI with the process's arguments and streams (called by bin/apigw-lens.js). */
export function runFromProcess(): void {
  const io: CliIO = {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      // The lsp command keeps running; every other command exits once its output is flushed.
      if (code >= 0) process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`apigw-lens: ${String(e)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) runFromProcess();
