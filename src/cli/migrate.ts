/** `npm run migrate`: the same as `commerce migrate`. */
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { buildProgram } from './program.js';
import { runCli } from './run-cli.js';

const program = buildProgram({
  config: () => loadConfig(),
  logger: (config) => createLogger(config, { fd: 2 }),
  out: (line) => process.stdout.write(`${line}\n`),
});

process.exitCode = await runCli(program, ['migrate', ...process.argv.slice(2)], { err: (line) => process.stderr.write(`${line}\n`) });
