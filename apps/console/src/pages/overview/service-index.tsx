import type { ServiceIndex } from '../../api/types';
import { formatNumber, formatRate } from '../../format';

/** §5b: score by group against its maximum; indicators this system cannot measure are listed as such. */
export function ServiceIndexView({ index }: { index: ServiceIndex }) {
  return (
    <div>
      <p className="big-figure" data-testid="service-index-total">
        {formatNumber(index.total.score)} / {formatNumber(index.total.maxMeasured)} điểm đo được
        {index.total.normalized !== null ? ` (quy đổi ${formatNumber(index.total.normalized)}/100)` : ''}
      </p>
      <ul className="bars">
        {index.groups.map((g) => {
          const ratio = g.score === null ? null : g.score / g.max;
          return (
            <li key={g.code}>
              <span className="bar-label">
                {g.code}. {g.name}
              </span>
              <span className="bar-track" aria-hidden="true">
                <span className="bar-fill" style={{ width: `${Math.round((ratio ?? 0) * 100)}%` }} />
              </span>
              <span className="bar-value">
                {g.score === null
                  ? 'chưa đo được'
                  : `${formatNumber(g.score)}/${formatNumber(g.max)} (${formatRate(ratio)})`}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
