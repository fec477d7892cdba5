// Checks a raw event must pass before the contract's validation sees it: text PostgreSQL could not
// store (NUL, invalid UTF-8, lone surrogates), nesting past any sane depth, integers JSON cannot
// carry exactly. Each problem names the field, so one hostile event is rejected on its own and
// never reaches the database to fail the batch it came with.

/** Deepest nesting an event may have (the contract needs 3). */
export const MAX_EVENT_DEPTH = 16;
const MAX_PROBLEMS = 10;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type Decoded =
  | { ok: true; value: unknown; text: string }
  | { ok: false; reason: 'malformed'; errors: string[]; text: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** Bytes from a broker: strict UTF-8, then JSON. */
export function decodeEventBytes(bytes: Uint8Array): Decoded {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'malformed', errors: ['body: not valid UTF-8'], text: lenient.decode(bytes) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown, text };
  } catch (e) {
    return {
      ok: false,
      reason: 'malformed',
      errors: [`body: not JSON (${e instanceof Error ? e.message : 'unparseable'})`],
      text,
    };
  }
}

function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(s)) return 'is not valid Unicode text (a lone surrogate)';
  return null;
}

/** Problems with a parsed event's raw shape, each naming its field; empty when none. */
export function screenEvent(value: unknown): string[] {
  const problems: string[] = [];
  // Iterative walk: a hostile depth must not cost stack.
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: 'event', depth: 0 }];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) problems.push(`${path}: ${p}`);
    } else if (typeof v === 'number') {
      if (Number.isInteger(v) && !Number.isSafeInteger(v))
        problems.push(`${path}: integer beyond 2^53 cannot be carried exactly`);
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_EVENT_DEPTH) {
        problems.push(`${path}: nested deeper than ${MAX_EVENT_DEPTH} levels`);
        continue;
      }
      if (Array.isArray(v))
        v.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
      else
        for (const [k, item] of Object.entries(v)) {
          const p = textProblem(k);
          if (p) problems.push(`${path}: a field name ${p}`);
          else stack.push({ value: item, path: path === 'event' ? k : `${path}.${k}`, depth: depth + 1 });
        }
    }
  }
  return problems;
}
