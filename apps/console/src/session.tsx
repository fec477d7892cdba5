import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, apiJson } from './api/client';
import type { Me, Role } from './api/types';

// The token lives in session storage only: closing the tab or signing out forgets it.
const STORAGE_KEY = 'cchc.console.token';

export interface Session {
  token: string;
  me: Me;
}

interface SessionContextValue {
  session: Session | null;
  signIn(token: string): Promise<void>;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function forgetStoredToken(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

export function SessionProvider({ initial, children }: { initial: Session | null; children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(initial);
  const queries = useQueryClient();
  const signIn = useCallback(async (token: string) => {
    const me = await apiJson<Me>(token, '/api/v1/auth/me');
    sessionStorage.setItem(STORAGE_KEY, token);
    setSession({ token, me });
  }, []);
  // Signing out forgets the token and every answer fetched with it.
  const signOut = useCallback(() => {
    forgetStoredToken();
    queries.clear();
    setSession(null);
  }, [queries]);
  // A token revoked while the tab is open: the next answer is a 401, and the user signs in again.
  useEffect(
    () =>
      queries.getQueryCache().subscribe((event) => {
        const error: unknown = event.query.state.error;
        if (event.type === 'updated' && error instanceof ApiError && error.status === 401) signOut();
      }),
    [queries, signOut],
  );
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionContext(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('SessionProvider missing');
  return ctx;
}

/** The signed-in session; pages are only rendered inside one. */
export function useSession(): Session {
  const { session } = useSessionContext();
  if (!session) throw new Error('Not signed in');
  return session;
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  reviewer: 'Văn phòng (duyệt báo cáo)',
  editor: 'Cán bộ cập nhật tiến độ',
  viewer: 'Lãnh đạo / xem',
  ingest: 'Hệ thống một cửa (gửi sự kiện)',
};

export function canRead(role: Role): boolean {
  return role !== 'ingest';
}

/** May file progress for a task led by one of these units (the API checks it again). */
export function canFileProgress(me: Me, leadUnitCodes: readonly string[]): boolean {
  return me.role === 'admin' || (me.role === 'editor' && leadUnitCodes.some((u) => me.units.includes(u)));
}

export function canReview(role: Role): boolean {
  return role === 'admin' || role === 'reviewer';
}
