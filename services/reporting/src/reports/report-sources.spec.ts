import { describe, expect, it } from '@jest/globals';
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception.js';
import { NoRespondersError, RequestError, TimeoutError } from '@nats-io/transport-node';
import { InProcessBus, InProcessClient } from '@cchc/messaging';
import { firstValueFrom } from 'rxjs';
import { isNoResponder } from './report-sources';

describe(isNoResponder.name, () => {
  it('recognises the typed no-responder errors of Nest, the in-process bus and the NATS client', async () => {
    expect(isNoResponder(new EmptyResponseException('plans.list'))).toBe(true);
    expect(isNoResponder(new NoRespondersError('plans.list'))).toBe(true);
    const request = new RequestError('no responders', { cause: new NoRespondersError('plans.list') });
    expect(isNoResponder(request)).toBe(true);
    // What the in-process bus answers for a pattern nobody handles.
    const client = new InProcessClient(new InProcessBus());
    const error: unknown = await firstValueFrom(client.send<unknown>('nobody.handles.this', {})).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isNoResponder(error)).toBe(true);
  });

  it('does not take an error for a no-responder because of its wording', () => {
    // The old check matched these texts; a source's own message saying so is not a missing source.
    expect(isNoResponder(new Error('There are no subscribers listening to that message'))).toBe(false);
    expect(isNoResponder('There is no handler for the message pattern "plans.list"')).toBe(false);
    expect(isNoResponder(new RequestError('timeout', { cause: new TimeoutError() }))).toBe(false);
    expect(isNoResponder(new Error('Connection closed'))).toBe(false);
    expect(isNoResponder(undefined)).toBe(false);
  });
});
