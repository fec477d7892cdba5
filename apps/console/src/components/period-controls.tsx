import { useId } from 'react';
import { periodLabel, WINDOW_LABELS, type KpiWindow } from '../period';

/** The period picker and the calendar / Decree 09 window switch shared by Tổng quan and Báo cáo. */
export function PeriodControls(props: {
  period: string;
  periods: string[];
  window: KpiWindow;
  onPeriod: (p: string) => void;
  onWindow: (w: KpiWindow) => void;
}) {
  const id = useId();
  return (
    <div className="controls">
      <label htmlFor={`${id}-period`}>
        Kỳ
        <select id={`${id}-period`} value={props.period} onChange={(e) => props.onPeriod(e.target.value)}>
          {props.periods.map((p) => (
            <option key={p} value={p}>
              {periodLabel(p)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="switch">
        <legend>Cách chốt số liệu</legend>
        {(Object.keys(WINDOW_LABELS) as KpiWindow[]).map((w) => (
          <label key={w}>
            <input
              type="radio"
              name={`${id}-window`}
              value={w}
              checked={props.window === w}
              onChange={() => props.onWindow(w)}
            />
            {WINDOW_LABELS[w]}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
