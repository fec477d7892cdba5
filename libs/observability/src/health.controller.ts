import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { HealthRegistry } from './health.registry';

/**
 * `/health/live` and `/health/ready` through @nestjs/terminus, unauthenticated by design
 * (architecture.md §3). Both answer terminus's `{ status, info, error, details }`:
 * - live: the process answers HTTP (no dependency is asked), always 200 `ok`;
 * - ready: every registered indicator; 200 with `ok`, or `degraded` when only warnings apply
 *   (e.g. the working calendar's coverage ending); 503 with `error` when any indicator is down,
 *   its reason in `details.<name>.message` (e.g. "ingestion stalled since …").
 */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly registry: HealthRegistry,
  ) {}

  @Get('live')
  @HealthCheck()
  async live(@Res() res: Response): Promise<void> {
    await this.answer(res, () => this.health.check([]));
  }

  @Get('ready')
  @HealthCheck()
  async ready(@Res() res: Response): Promise<void> {
    await this.answer(res, () => this.health.check(this.registry.all()));
  }

  private async answer(res: Response, run: () => Promise<HealthCheckResult>): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    try {
      res.status(200).json(await run());
    } catch (e) {
      // Terminus throws the whole result (status `error`, or `shutting_down`) as a 503.
      if (!(e instanceof ServiceUnavailableException)) throw e;
      res.setHeader('Retry-After', '5');
      res.status(503).json(e.getResponse());
    }
  }
}
