import type { DestinationStream } from 'pino';

// The fields every record has; everything else is shown after the message as key=value.
const FRAME = new Set(['time', 'level', 'msg', 'context', 'service', 'pid', 'hostname', 'req', 'res']);

interface Fields {
  time?: unknown;
  level?: unknown;
  msg?: unknown;
  context?: unknown;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  [key: string]: unknown;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

function show(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/** One pino JSON record as a line a person reads in a terminal (`LOG_FORMAT=text`). */
export function formatTextLine(line: string): string {
  let f: Fields;
  try {
    f = JSON.parse(line) as Fields;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const parts = [text(f.time), text(f.level).toUpperCase().padEnd(5)];
  if (typeof f.context === 'string') parts.push(`[${f.context}]`);
  if (f.req?.method && f.res?.statusCode !== undefined)
    parts.push(`${f.req.method} ${f.req.url ?? ''} ${f.res.statusCode}`);
  if (f.msg !== undefined) parts.push(text(f.msg));
  const rest = Object.entries(f).filter(([k]) => !FRAME.has(k));
  for (const [k, v] of rest) {
    if (k === 'err' && v && typeof v === 'object' && 'stack' in v) parts.push(`\n${String(v.stack)}`);
    else parts.push(`${k}=${show(v)}`);
  }
  return `${parts.join(' ')}\n`;
}

/** A pino destination writing each record as a text line to `out`. */
export function textLogStream(out: NodeJS.WritableStream): DestinationStream {
  return { write: (line: string) => void out.write(formatTextLine(line)) };
}
