import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Structured JSON logs (one object a line) for production; readable text for a terminal. */
export function createLogger(options: {
  level: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  format: 'json' | 'text';
}) {
  const upTo = LEVELS.indexOf(options.level);
  return new ConsoleLogger({
    json: options.format === 'json',
    colors: options.format === 'text' && process.stdout.isTTY,
    logLevels: LEVELS.slice(0, upTo + 1),
  });
}
