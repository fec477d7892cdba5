// What the console tests share: the server global-setup.ts started, its tokens, signing in, the API.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const server = {
  get url(): string {
    return required('CONSOLE_E2E_URL');
  },
  get admin(): string {
    return required('CONSOLE_E2E_ADMIN');
  },
  get editor(): string {
    return required('CONSOLE_E2E_EDITOR');
  },
  get reviewer(): string {
    return required('CONSOLE_E2E_REVIEWER');
  },
  get viewer(): string {
    return required('CONSOLE_E2E_VIEWER');
  },
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: global-setup.ts did not run`);
  return value;
}

export async function api<T>(token: string, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function signIn(page: Page, token: string, path = '/'): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.getByLabel('Mã truy cập').fill(token);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
}

/** The Vietnamese way of writing a ratio, computed here independently of the console: 96,2%. */
export function vietnamesePercent(ratio: number | null): string {
  if (ratio === null) return '—';
  return `${(Math.round(ratio * 1000) / 10).toFixed(1).replace('.', ',')}%`;
}

/** A score with at most two decimals, as Vietnamese writes it: 43.69 → "43,69". */
export function vietnameseScore(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}

/** 1234 → "1.234". */
export function vietnameseInteger(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/**
 * With CONSOLE_SCREENSHOTS=1 (`npm run console:screenshots`), saves the page under docs/console/
 * for the README; otherwise does nothing.
 */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  if (process.env.CONSOLE_SCREENSHOTS !== '1') return;
  const dir = resolve(__dirname, '../../../docs/console');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}
