// Every call the console makes goes through here: the public HTTP API with the user's bearer token.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The server's own message ("errors" name each field on a 400), for showing to the user. */
async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as {
      message?: unknown;
      errors?: Array<{ path?: string; message?: string }>;
    };
    if (Array.isArray(body.errors) && body.errors.length > 0)
      return body.errors
        .map((e) => (e.path ? `${e.path}: ${e.message ?? ''}` : (e.message ?? '')))
        .join('; ');
    if (typeof body.message === 'string') return body.message;
    if (Array.isArray(body.message)) return body.message.join('; ');
  } catch {
    // Not JSON: fall through to the status text.
  }
  return res.statusText || `HTTP ${res.status}`;
}

export async function apiFetch(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  const res = await fetch(path, { ...init, headers });
  if (!res.ok) throw new ApiError(res.status, await errorMessage(res));
  return res;
}

export async function apiJson<T>(token: string, path: string, init: RequestInit = {}): Promise<T> {
  const res = await apiFetch(token, path, init);
  return (await res.json()) as T;
}

/** What to tell the user about a failed call, in Vietnamese. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    switch (e.status) {
      case 401:
        return 'Mã truy cập không hợp lệ hoặc đã bị thu hồi.';
      case 403:
        return 'Vai trò của bạn không được phép thực hiện thao tác này.';
      case 404:
        return 'Không tìm thấy.';
      case 429:
        return 'Quá nhiều yêu cầu, vui lòng thử lại sau ít phút.';
      default:
        return e.status >= 500 ? 'Máy chủ gặp lỗi, vui lòng thử lại.' : `Dữ liệu chưa hợp lệ: ${e.message}`;
    }
  }
  return 'Không kết nối được máy chủ.';
}

export function isNotFound(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404;
}
