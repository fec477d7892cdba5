import type { INestApplication } from '@nestjs/common';
import type { AppConfig } from '@cchc/config';
import express from 'express';
import { bearerToken, PUBLIC_PATHS, TokensService, UNAUTHORIZED_BODY, type Principal } from '@cchc/auth';
import { RateLimiter } from './rate-limiter';

// architecture.md §3 rev. 2, "Limits before work": who is asking is known before a byte of the body
// is read; bodies are bounded per route; a body nested past any sane depth is refused before a
// handler (or a recursive JSON.stringify) walks it.

/** Every route but the event batch route. */
export const DEFAULT_BODY_LIMIT = '1mb';
/** The event batch route, for `ingest` and `admin` tokens (1,000 events). */
export const EVENT_BATCH_BODY_LIMIT = '16mb';
export const EVENT_BATCH_PATH = '/api/v1/tthc/events';
/** Deepest JSON body nesting any route accepts. */
export const MAX_BODY_DEPTH = 64;

const JSON_TYPES = [
  'application/json',
  'application/cloudevents+json',
  'application/cloudevents-batch+json',
  'application/*+json',
];
const TEXT_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

type Req = express.Request & { principal?: Principal };

function needsToken(path: string): boolean {
  return path.startsWith('/api/') && !path.startsWith('/api/docs') && !PUBLIC_PATHS.has(path);
}

/** Depth of a parsed JSON value, walked iteratively and stopped past `limit`. */
export function exceedsDepth(value: unknown, limit: number): boolean {
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 0 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push({ v: child, d: d + 1 });
  }
  return false;
}

function tooMany(res: express.Response, retryAfter: number): void {
  res.setHeader('Retry-After', String(retryAfter));
  res.setHeader('Connection', 'close');
  res.status(429).json({
    statusCode: 429,
    error: 'Too Many Requests',
    message: `Too many requests; try again in ${retryAfter} s`,
  });
}

/**
 * Installs, in order: a per-address rate limit, the token check (401 before the body), a per-token
 * rate limit, per-route body parsers, a depth check. Health and metrics are never limited.
 */
export function installHttpLimits(app: INestApplication, config: Pick<AppConfig, 'rateLimit'>): void {
  const tokens = app.get(TokensService);
  const windowMs = config.rateLimit.windowSeconds * 1000;
  const byAddress = new RateLimiter(config.rateLimit.requests, windowMs);
  const byToken = new RateLimiter(config.rateLimit.requests, windowMs);
  app.use(async (req: Req, res: express.Response, next: express.NextFunction) => {
    if (PUBLIC_PATHS.has(req.path)) return next();
    // Callers with a valid token are limited per token, the others per address.
    const limitAddress = () => byAddress.hit(req.ip ?? req.socket.remoteAddress ?? 'unknown');
    if (!needsToken(req.path)) {
      const wait = limitAddress();
      return wait > 0 ? tooMany(res, wait) : next();
    }
    const token = bearerToken(req.headers.authorization);
    try {
      const principal = token ? await tokens.resolve(token) : null;
      if (!principal) {
        const wait = limitAddress();
        if (wait > 0) return tooMany(res, wait);
        // The body is never read: close the connection rather than drain a large upload.
        res.setHeader('Connection', 'close');
        res.status(401).json(UNAUTHORIZED_BODY);
        return;
      }
      req.principal = principal;
      const tokenWait = byToken.hit(principal.tokenId);
      if (tokenWait > 0) return tooMany(res, tokenWait);
      next();
    } catch {
      res.setHeader('Retry-After', '5');
      res
        .status(503)
        .json({ statusCode: 503, error: 'Service Unavailable', message: 'Tokens cannot be checked now' });
    }
  });

  const parsers = (limit: string) => [
    express.json({ limit, type: JSON_TYPES }),
    express.text({ limit, type: TEXT_TYPES }),
  ];
  const small = parsers(DEFAULT_BODY_LIMIT);
  const large = parsers(EVENT_BATCH_BODY_LIMIT);
  app.use((req: Req, res: express.Response, next: express.NextFunction) => {
    const role = req.principal?.role;
    const chain = req.path === EVENT_BATCH_PATH && (role === 'ingest' || role === 'admin') ? large : small;
    chain[0](req, res, (e?: unknown) => (e ? next(e) : chain[1](req, res, next)));
  });
  app.use((req: Req, res: express.Response, next: express.NextFunction) => {
    if (req.body !== undefined && typeof req.body === 'object' && exceedsDepth(req.body, MAX_BODY_DEPTH)) {
      res.status(400).json({
        statusCode: 400,
        error: 'Bad Request',
        message: `body: nested deeper than ${MAX_BODY_DEPTH} levels`,
      });
      return;
    }
    next();
  });
}
