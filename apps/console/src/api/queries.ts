import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useSession } from '../session';
import { ApiError, apiJson } from './client';

/** A GET of the API, cached per token and path. 4xx answers are final: no retries. */
export function useApiQuery<T>(path: string | null, options: { refetchMs?: number } = {}): UseQueryResult<T> {
  const { token } = useSession();
  return useQuery<T>({
    queryKey: ['api', token, path],
    queryFn: () => apiJson<T>(token, path as string),
    enabled: path !== null,
    refetchInterval: options.refetchMs,
    retry: (count, e) => !(e instanceof ApiError && e.status < 500) && count < 2,
  });
}

export function withQuery(path: string, params: Record<string, string | null | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) qs.set(k, v);
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}
