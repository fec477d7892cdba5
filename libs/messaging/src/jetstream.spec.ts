import { describe, expect, it, jest } from '@jest/globals';
import { JetStreamApiCodes, JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';
import { ensureDurableConsumer, ensureStream } from './jetstream';

// Issue 8, "Why": jetstream.ts detected a missing stream or consumer by matching "not found" in the
// error's text. It is now the server's API error code: an answer worded differently is still "not
// found", and another failure that happens to say "not found" is not taken for one.

function apiError(code: number, description: string): JetStreamApiError {
  return new JetStreamApiError({ code: 404, err_code: code, description });
}

function manager(failure: Error) {
  const streams = {
    info: jest.fn(() => Promise.reject(failure)),
    add: jest.fn(() => Promise.resolve({})),
    update: jest.fn(() => Promise.resolve({})),
  };
  const consumers = {
    info: jest.fn(() => Promise.reject(failure)),
    add: jest.fn((_stream: string, _config: Record<string, unknown>) => Promise.resolve({})),
    update: jest.fn(() => Promise.resolve({})),
  };
  return { jsm: { streams, consumers } as unknown as JetStreamManager, streams, consumers };
}

describe('JetStream set-up errors (typed)', () => {
  it('creates the stream when the server answers StreamNotFound, whatever its wording', async () => {
    const { jsm, streams } = manager(apiError(JetStreamApiCodes.StreamNotFound, 'kein solcher Stream'));
    await ensureStream(jsm, 'TTHC_EVENTS', ['tthc.v1.>']);
    expect(streams.add).toHaveBeenCalledTimes(1);
  });

  it('creates the consumer when the server answers ConsumerNotFound', async () => {
    const { jsm, consumers } = manager(apiError(JetStreamApiCodes.ConsumerNotFound, 'consumer missing'));
    await ensureDurableConsumer(jsm, { stream: 'TTHC_EVENTS', durable: 'tthc-metrics', ackWaitMs: 30_000 });
    expect(consumers.add).toHaveBeenCalledTimes(1);
    expect(consumers.add.mock.calls[0][1]).not.toHaveProperty('max_ack_pending');
    await ensureDurableConsumer(jsm, {
      stream: 'TTHC_EVENTS',
      durable: 'tthc-metrics',
      ackWaitMs: 30_000,
      maxAckPending: 3000,
    });
    expect(consumers.add.mock.calls[1][1]).toMatchObject({ max_ack_pending: 3000, ack_wait: 30_000_000_000 });
  });

  it('rethrows any other failure, even one whose message says "not found"', async () => {
    const denied = new Error("Permissions Violation for Publish to '$JS.API.STREAM.INFO': account not found");
    const { jsm, streams } = manager(denied);
    await expect(ensureStream(jsm, 'TTHC_EVENTS', ['tthc.v1.>'])).rejects.toBe(denied);
    expect(streams.add).not.toHaveBeenCalled();
    const other = manager(
      apiError(JetStreamApiCodes.JetStreamNotEnabledForAccount, 'JetStream not found on this account'),
    );
    await expect(
      ensureDurableConsumer(other.jsm, { stream: 'TTHC_EVENTS', durable: 'tthc-metrics', ackWaitMs: 30_000 }),
    ).rejects.toBeInstanceOf(JetStreamApiError);
    expect(other.consumers.add).not.toHaveBeenCalled();
  });
});
