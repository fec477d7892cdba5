import { apiFetch } from '../../api/client';

/** Fetches a file with the bearer token and hands it to the browser as a download. */
export async function downloadFile(token: string, path: string, fallbackName: string): Promise<string> {
  const res = await apiFetch(token, path);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = decodeURIComponent(name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return a.download;
}
