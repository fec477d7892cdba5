import type { ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
}

/**
 * A table that stays a real table for screen readers; on a phone each row becomes a card whose
 * cells carry their column names (CSS, via data-label), so nothing scrolls sideways.
 */
export function DataTable<T>(props: {
  caption: string;
  columns: Array<Column<T>>;
  rows: T[];
  rowKey: (row: T) => string;
  testId?: string;
  empty?: string;
}) {
  if (props.rows.length === 0) return <p className="nodata">{props.empty ?? 'Không có dòng nào.'}</p>;
  return (
    <table className="data-table" data-testid={props.testId}>
      <caption className="sr-only">{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c.header} scope="col" className={c.numeric ? 'num' : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={props.rowKey(row)}>
            {props.columns.map((c) => (
              <td key={c.header} data-label={c.header} className={c.numeric ? 'num' : undefined}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
