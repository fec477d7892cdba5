import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { apiJson, ApiError } from './api/client';
import type { Me } from './api/types';
import { App } from './app';
import { forgetStoredToken, readStoredToken, SessionProvider, type Session } from './session';
import './styles.css';

const queries = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } },
});

/** A token kept from earlier in this tab signs in again, unless the server no longer accepts it. */
async function restore(): Promise<Session | null> {
  const token = readStoredToken();
  if (!token) return null;
  try {
    return { token, me: await apiJson<Me>(token, '/api/v1/auth/me') };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) forgetStoredToken();
    return null;
  }
}

void restore().then((initial) => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queries}>
        <SessionProvider initial={initial}>
          <App />
        </SessionProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
});
