import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';

// A few pages with history-API addresses (/tong-quan, /ke-hoach?…): the all-in-one answers each
// with the console's index page, so links can be bookmarked and shared.

export type PageId = 'tong-quan' | 'ke-hoach' | 'bao-cao' | 'ho-so';

export const PAGES: Array<{ id: PageId; label: string }> = [
  { id: 'tong-quan', label: 'Tổng quan' },
  { id: 'ke-hoach', label: 'Kế hoạch' },
  { id: 'bao-cao', label: 'Báo cáo' },
  { id: 'ho-so', label: 'Hồ sơ' },
];

export interface Location {
  page: PageId;
  params: URLSearchParams;
}

function read(): Location {
  const id = window.location.pathname.replace(/^\/+|\/+$/g, '');
  const page = PAGES.find((p) => p.id === id)?.id ?? 'tong-quan';
  return { page, params: new URLSearchParams(window.location.search) };
}

const listeners = new Set<() => void>();

export function navigate(href: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  listeners.forEach((l) => l());
}

/** Replace one query parameter of the current address (filters, period), keeping the page. */
export function setParam(name: string, value: string | null): void {
  const params = new URLSearchParams(window.location.search);
  if (value === null || value === '') params.delete(name);
  else params.set(name, value);
  const qs = params.toString();
  navigate(`${window.location.pathname}${qs ? `?${qs}` : ''}`, true);
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const update = () => setLoc(read());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return loc;
}

/** An ordinary link (opens in a new tab with a modifier key) that navigates in place otherwise. */
export function Link(props: { href: string; children: ReactNode; className?: string; current?: boolean }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(props.href);
  };
  return (
    <a
      href={props.href}
      onClick={onClick}
      className={props.className}
      aria-current={props.current ? 'page' : undefined}
    >
      {props.children}
    </a>
  );
}
