import { Controller, Get, HttpCode, Param, Post, Query, Req, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { AllowRoles, CurrentPrincipal, type Principal } from '@cchc/auth';
import { ZodValidationPipe } from '@cchc/validation';
import { TthcError, TthcErrorCode } from '../kpis/kpis.errors';
import { DomainErrorFilter } from '@cchc/platform';
import { DeadLettersService, type DeadLetterView } from './dead-letters.service';
import { IngestionService, type IngestResponse, type RedriveResult } from './ingestion.service';

/** architecture.md §4: at most 1,000 events in one batch request. */
export const MAX_BATCH = 1000;

const rejectedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});
// A dead-letter id: digits only, within what a bigint column and a JS number both hold exactly.
const redriveParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive whole number')
    .transform(Number)
    .pipe(z.number().max(Number.MAX_SAFE_INTEGER, 'is beyond the largest dead-letter id')),
});

@ApiTags('tthc')
@ApiBearerAuth()
@UseFilters(DomainErrorFilter)
@Controller('api/v1/tthc')
export class EventsController {
  constructor(
    private readonly ingestion: IngestionService,
    private readonly deadLetters: DeadLettersService,
  ) {}

  /** One CloudEvent (application/cloudevents+json) or a batch (application/cloudevents-batch+json). */
  @Post('events')
  @ApiConsumes('application/cloudevents+json', 'application/cloudevents-batch+json')
  @ApiBody({
    description: 'A CloudEvents 1.0 event (architecture.md §4), or a JSON array of at most 1,000 of them',
    schema: {
      type: 'object',
      example: {
        specversion: '1.0',
        id: '9d1c5c1e-3f0a-4a51-9d4e-2c7f1b0e6a11',
        source: 'mot-cua/sgddt',
        type: 'vn.cchc.tthc.dossier.received.v1',
        time: '2021-01-05T08:30:00+07:00',
        subject: '000.00.36.H17-210105-0001',
        datacontenttype: 'application/json',
        data: {
          dossierCode: '000.00.36.H17-210105-0001',
          procedureCode: '1.005092',
          unitCode: 'vp',
          channel: 'online',
          receivedAt: '2021-01-05T08:30:00+07:00',
          dueDate: '2021-01-12',
          procedureLevel: 3,
        },
      },
    },
  })
  @HttpCode(200)
  @AllowRoles('ingest')
  ingest(@Req() req: Request, @CurrentPrincipal() principal: Principal): Promise<IngestResponse> {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const body: unknown = req.body;
    let events: unknown[];
    if (type === 'application/cloudevents-batch+json') {
      if (!Array.isArray(body))
        throw new TthcError(
          TthcErrorCode.InvalidEvent,
          'A cloudevents-batch+json body must be a JSON array of events',
        );
      events = body;
    } else if (type === 'application/cloudevents+json' || type === 'application/json') {
      events = Array.isArray(body) && type === 'application/json' ? body : [body];
    } else {
      throw new TthcError(
        TthcErrorCode.UnsupportedMediaType,
        `Content-Type must be application/cloudevents+json or application/cloudevents-batch+json, got "${type || 'none'}"`,
      );
    }
    if (events.length > MAX_BATCH) {
      throw new TthcError(
        TthcErrorCode.BatchTooLarge,
        `A batch holds at most ${MAX_BATCH} events; this one has ${events.length}`,
      );
    }
    return this.ingestion.ingestHttp(events, principal);
  }

  /** Re-sends a dead letter whose cause is fixed (admin). */
  @Post('rejected-events/:id/redrive')
  @HttpCode(200)
  redrive(
    @Param(new ZodValidationPipe(redriveParams, 'path')) p: z.infer<typeof redriveParams>,
  ): Promise<RedriveResult> {
    return this.ingestion.redrive(p.id);
  }

  /** Dead letters with their reasons, oldest first; page with `after` = the last id seen. */
  @Get('rejected-events')
  rejected(
    @Query(new ZodValidationPipe(rejectedQuery, 'query')) q: z.infer<typeof rejectedQuery>,
  ): Promise<DeadLetterView[]> {
    return this.deadLetters.list(q.limit, q.after);
  }
}
