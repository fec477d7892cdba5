import { Injectable } from '@nestjs/common';

export type HealthCheck = () => Promise<void>;

/** A condition worth an operator's attention that does not make the service unready: a message, or null. */
export type HealthWarning = () => string | null;

export interface HealthReport {
  status: 'ok' | 'error';
  checks: Record<string, { status: 'ok' | 'error'; error?: string; durationMs: number }>;
  /** Present when a warning applies, e.g. the working calendar's coverage ending soon. */
  warnings?: Record<string, string>;
}

/** Dependencies (database schemas, NATS) register a readiness check here. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();
  private readonly warnings = new Map<string, HealthWarning>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  /** A warning reported by /health/ready without failing it. */
  registerWarning(name: string, warning: HealthWarning): void {
    this.warnings.set(name, warning);
  }

  async run(timeoutMs = 2000): Promise<HealthReport> {
    type Entry = readonly [string, HealthReport['checks'][string]];
    const entries = await Promise.all(
      [...this.checks.entries()].map(async ([name, check]): Promise<Entry> => {
        const started = Date.now();
        try {
          await withTimeout(check(), timeoutMs, name);
          return [name, { status: 'ok' as const, durationMs: Date.now() - started }] as const;
        } catch (e) {
          return [
            name,
            {
              status: 'error' as const,
              error: e instanceof Error ? e.message : String(e),
              durationMs: Date.now() - started,
            },
          ] as const;
        }
      }),
    );
    const checks: HealthReport['checks'] = Object.fromEntries(entries);
    const status = entries.every(([, r]) => r.status === 'ok') ? 'ok' : 'error';
    const warnings = Object.fromEntries(
      [...this.warnings.entries()].flatMap(([name, warn]) => {
        const message = warn();
        return message === null ? [] : [[name, message] as const];
      }),
    );
    return Object.keys(warnings).length > 0 ? { status, checks, warnings } : { status, checks };
  }
}

async function withTimeout(p: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name} did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
