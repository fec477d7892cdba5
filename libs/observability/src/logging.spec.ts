import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, type INestApplication, Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DestinationStream } from 'pino';
import { bootLogger, createHttpLogger, createRootLogger, loggerModule, PinoNestLogger } from './logging';
import { formatTextLine } from './text-log-stream';
import { UnhandledExceptionFilter } from './unhandled-exception.filter';

/** A pino destination keeping each record. */
function memory(): DestinationStream & { records: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  return {
    write: (line: string) => void lines.push(line),
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

@Controller('t')
class ThrowingController {
  private readonly logger = new Logger('Probe');

  @Get('boom')
  boom(): never {
    this.logger.log({ msg: 'about to fail', token: 'cchc_secret_in_a_field' });
    throw new Error('boom');
  }
}

describe('logging (nestjs-pino over one root logger)', () => {
  const out = memory();
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const root = createRootLogger({ level: 'log', format: 'json', service: 'test' }, out);
    @Module({ imports: [loggerModule(root)], controllers: [ThrowingController] })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: bootLogger(root) });
    app.useLogger(app.get(PinoNestLogger));
    app.use(createHttpLogger(root));
    app.useGlobalFilters(new UnhandledExceptionFilter());
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('logs a 500 with its errorId and stack, and the request line carries the same errorId', async () => {
    const res = await fetch(`${url}/t/boom`, {
      headers: { 'X-Request-Id': 'unit-boom-1', Cookie: 'sid=abc' },
    });
    expect(res.status).toBe(500);
    const { errorId } = (await res.json()) as { errorId: string };
    expect(errorId).toMatch(/^[0-9a-f-]{36}$/);
    const records = out.records();
    const failure = records.find((r) => r.msg === 'Unhandled error');
    expect(failure).toMatchObject({ level: 'error', context: 'HTTP', errorId, reqId: 'unit-boom-1' });
    expect((failure?.err as { stack?: string } | undefined)?.stack).toContain('Error: boom');
    const line = records.filter((r) => (r.req as { id?: string } | undefined)?.id === 'unit-boom-1');
    expect(line).toHaveLength(1);
    expect(line[0]).toMatchObject({
      level: 'error',
      errorId,
      res: { statusCode: 500 },
      req: { headers: { cookie: '[redacted]' } },
    });
  });

  it('redacts token fields of anything logged during a request', () => {
    const probe = out.records().find((r) => r.msg === 'about to fail');
    expect(probe).toMatchObject({ context: 'Probe', reqId: 'unit-boom-1', token: '[redacted]' });
    expect(JSON.stringify(out.records())).not.toContain('cchc_secret_in_a_field');
  });
});

describe(formatTextLine.name, () => {
  it('shows a record as one readable line, a request with its method, path and status', () => {
    const line = formatTextLine(
      JSON.stringify({
        level: 'info',
        time: '2026-12-01T08:00:00.000Z',
        service: 'all-in-one',
        pid: 1,
        reqId: 'r-1',
        req: { method: 'GET', url: '/health/ready' },
        res: { statusCode: 200 },
        responseTime: 3,
        msg: 'request completed',
      }),
    );
    expect(line).toBe(
      '2026-12-01T08:00:00.000Z INFO  GET /health/ready 200 request completed reqId=r-1 responseTime=3\n',
    );
    expect(formatTextLine('{"level":"warn","time":"t","context":"Database","msg":"slow start"}')).toBe(
      't WARN  [Database] slow start\n',
    );
  });
});
