import type { NextFunction, Request, Response } from 'express';
import { histogram, type MetricDefinition } from './metrics';

type HttpLabels = 'service' | 'method' | 'route' | 'status_class';

/**
 * Records every HTTP request's duration by route template (never the raw URL, which would carry
 * ids and make the label unbounded).
 */
export function httpMetricsMiddleware(service: (path: string) => string, def: MetricDefinition<HttpLabels>) {
  const h = histogram(def);
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = h.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      end({
        service: service(req.originalUrl),
        method: req.method,
        route: route ? `${req.baseUrl}${route}` : 'unmatched',
        status_class: `${Math.floor(res.statusCode / 100)}xx`,
      });
    });
    next();
  };
}
