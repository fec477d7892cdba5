import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { register } from 'prom-client';

/** `/metrics`: unauthenticated by design (architecture.md §3). Health is health.controller.ts. */
@ApiExcludeController()
@Controller()
export class ObservabilityController {
  @Get('metrics')
  async metrics(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', register.contentType);
    res.send(await register.metrics());
  }
}
