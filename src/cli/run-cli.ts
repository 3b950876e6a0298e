import { CommanderError, type Command } from 'commander';
import { ConfigError } from '../config.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_USAGE, UsageError } from './usage-error.js';

export interface CliIo {
  readonly err: (line: string) => void;
  /** Where help goes (default stdout). */
  readonly out?: (text: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * Parses and runs; returns the exit code. Misuse (unknown command or option, bad value, bad
 * configuration) is one line on stderr and code 2; a failure is one line and code 1; Ctrl-C 130.
 */
export async function runCli(program: Command, argv: readonly string[], io: CliIo): Promise<number> {
  // Commander prints its own one-line error ("error: unknown option '--x'"); we only pick the code.
  // Subcommands copied the settings when they were made: configure each one.
  for (const command of [program, ...allCommands(program)]) {
    command.exitOverride();
    command.configureOutput({
      ...(io.out ? { writeOut: io.out } : {}),
      writeErr: (text) => io.err(text.trimEnd()),
      // An error and commander's "(Did you mean …?)" on one line, as every other misuse message.
      outputError: (text, write) => write(text.trim().replace(/\s*\n\s*/g, ' ')),
    });
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return 0;
      // `commerce` or `commerce projections` alone: help went to stderr, which is misuse too.
      return EXIT_USAGE;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.err(`error: ${error.message}`);
      return EXIT_USAGE;
    }
    if (io.signal?.aborted) {
      io.err('interrupted: a rebuild resumes where it stopped the next time it is run');
      return EXIT_INTERRUPTED;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  }
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}
