/**
 * `commerce` — the operations CLI (`npm run commerce -- <command>`, or the `commerce` bin).
 * Run `commerce --help` for the commands and examples.
 */
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { buildProgram } from './program.js';
import { runCli } from './run-cli.js';

const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort(new Error('interrupted')));

const program = buildProgram({
  config: () => loadConfig(),
  // Logs on stderr: stdout is the command's output (a table, JSON, a summary line).
  logger: (config) => createLogger(config, { fd: 2 }),
  out: (line) => process.stdout.write(`${line}\n`),
  signal: interrupt.signal,
});

process.exitCode = await runCli(program, process.argv.slice(2), { err: (line) => process.stderr.write(`${line}\n`), signal: interrupt.signal });
