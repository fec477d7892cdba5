// The QĐ 766/QĐ-TTg service index of architecture.md §5b (revision 2), as tthc-metrics serves it
// over HTTP (`GET /api/v1/tthc/service-index`) and over messaging (`SERVICE_INDEX_QUERY`).
import type { KpiResult } from './kpis';

/** Request-reply query for the service index; payload `{ period, window?, unit? }`. */
export const SERVICE_INDEX_QUERY = 'cchc.tthc.query.service-index.v1';

export interface ServiceIndexIndicator {
  /** "2.1", "3.3", … */
  code: string;
  name: string;
  numerator?: number;
  denominator?: number;
  /** null when the denominator is 0. */
  ratio?: number | null;
  target?: number;
  max: number;
  /** `min(max, max × ratio / target)`, 2 decimals; null when not measured or denominator 0. */
  score: number | null;
  /** "not measured" for an indicator this system cannot measure. */
  reason?: string;
}

export interface ServiceIndexGroup {
  /** "1" … "5". */
  code: string;
  name: string;
  max: number;
  /** null when no indicator of the group has a score. */
  score: number | null;
  indicators: ServiceIndexIndicator[];
}

export interface ServiceIndexResult {
  period: KpiResult['period'];
  scope: { unit: string | null };
  groups: ServiceIndexGroup[];
  /** `score` sums the non-null scores, `maxMeasured` their maxima, `normalized = 100 × score / maxMeasured`. */
  total: { score: number; maxMeasured: number; normalized: number | null };
}
