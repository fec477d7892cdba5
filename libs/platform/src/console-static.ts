import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express from 'express';
import { appPath, type AppConfig } from '@cchc/config';

// Paths the console must never answer for: the API (401/403/404 of its own), health and metrics.
const NOT_CONSOLE = /^\/(api|health|metrics)(\/|$)/;

/** Where `npm run build:console` writes the web console (apps/console, architecture.md §9). */
export function consoleDir(): string {
  return appPath('dist/console');
}

/**
 * Serves the web console's static files at `/` of the all-in-one, without a token (they hold no
 * data, §3), and its index page for the console's own routes (/tong-quan, /ke-hoach, …). A build
 * without the console (no dist/console) serves nothing here and changes nothing else.
 */
export function mountConsole(app: INestApplication, config: AppConfig, dir: string = consoleDir()): boolean {
  const index = join(dir, 'index.html');
  if (config.service !== 'all-in-one' || !existsSync(index)) return false;
  const assets = express.static(dir, { index: 'index.html', fallthrough: true, maxAge: 0 });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (NOT_CONSOLE.test(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    // Hashed asset names never change content: cache them; the index page is always revalidated.
    if (req.path.startsWith('/assets/'))
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    assets(req, res, () => {
      // SPA fallback: a page address (no file extension) the browser asks for as HTML.
      if (/\.[a-z0-9]+$/i.test(req.path) || !req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
  return true;
}
