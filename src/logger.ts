import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/** Structured JSON logs; pretty-printed only in development, where a person reads them. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    redact: { paths: ['*.cardNumber', '*.password', 'req.headers.authorization'], censor: '[redacted]' },
    ...(config.NODE_ENV === 'development' && process.stdout.isTTY
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } }
      : {}),
  });
}
