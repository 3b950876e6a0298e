import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export interface LoggerOptions {
  /** 2 for a CLI, whose stdout is its output (a table, JSON) and must stay free of logs. Default 1. */
  readonly fd?: 1 | 2;
}

/** Structured JSON logs; pretty-printed only in development, where a person reads them. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>, options: LoggerOptions = {}): Logger {
  const fd = options.fd ?? 1;
  const tty = fd === 1 ? process.stdout.isTTY : process.stderr.isTTY;
  const pretty = config.NODE_ENV === 'development' && tty;
  return pino(
    {
      level: config.LOG_LEVEL,
      redact: { paths: ['*.cardNumber', '*.password', 'req.headers.authorization'], censor: '[redacted]' },
      ...(pretty
        ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination: fd } } }
        : {}),
    },
    ...(pretty ? [] : [pino.destination(fd)]),
  );
}
