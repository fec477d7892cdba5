import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { describeError, isNotFound } from '../api/client';

export function Loading({ label = 'Đang tải…' }: { label?: string }) {
  return (
    <p className="muted" role="status">
      {label}
    </p>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  return (
    <p className="error" role="alert">
      {describeError(error)}
    </p>
  );
}

export function NoData({ children }: { children: ReactNode }) {
  return (
    <p className="nodata" data-testid="no-data">
      {children}
    </p>
  );
}

/**
 * Renders a query's data, its loading and error states. `missing` is shown when the API answers
 * 404: an endpoint this server does not have yet (service index, reminders) or nothing found.
 */
export function QueryView<T>(props: {
  query: UseQueryResult<T>;
  missing?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (props.missing !== undefined && isNotFound(query.error)) return <NoData>{props.missing}</NoData>;
    return <ErrorNote error={query.error} />;
  }
  return <>{props.children(query.data)}</>;
}

export function Panel(props: {
  title: string;
  id?: string;
  children: ReactNode;
  wide?: boolean;
  actions?: ReactNode;
}) {
  const headingId = `${props.id ?? props.title.replace(/\W+/g, '-')}-title`;
  return (
    <section
      className={props.wide ? 'panel wide' : 'panel'}
      aria-labelledby={headingId}
      data-testid={props.id}
    >
      <div className="panel-head">
        <h2 id={headingId}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}
