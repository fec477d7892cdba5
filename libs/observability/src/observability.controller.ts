import { Controller, Get, Header, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { register } from 'prom-client';
import { HealthRegistry } from './health.registry';

/** `/metrics`, `/health/live`, `/health/ready`: unauthenticated by design (architecture.md §3). */
@ApiExcludeController()
@Controller()
export class ObservabilityController {
  constructor(private readonly health: HealthRegistry) {}

  @Get('metrics')
  async metrics(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', register.contentType);
    res.send(await register.metrics());
  }

  @Get('health/live')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @Header('Cache-Control', 'no-store')
  async ready(@Res() res: Response): Promise<void> {
    const report = await this.health.run();
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  }
}
