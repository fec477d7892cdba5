/** The 32-character admin token test hosts accept through BOOTSTRAP_ADMIN_TOKEN. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export type TestRequest = (path: string, init?: RequestInit & { token?: string | null }) => Promise<Response>;

/**
 * fetch() against a base URL with the test admin token, unless `token` is given (null: none); a
 * body without a Content-Type is sent as JSON.
 */
export function authorizedFetch(baseUrl: string): TestRequest {
  return (path, init = {}) => {
    const { token = TEST_ADMIN_TOKEN, headers, ...rest } = init;
    const h = new Headers(headers);
    if (token) h.set('Authorization', `Bearer ${token}`);
    if (rest.body && !h.has('Content-Type')) h.set('Content-Type', 'application/json');
    return fetch(`${baseUrl}${path}`, { ...rest, headers: h });
  };
}
