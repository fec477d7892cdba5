import { describe, expect, it } from '@jest/globals';
import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { BatchConsumer } from './jetstream';

// Issue 10 (publish → visible latency): the consumer hands over what has arrived as soon as
// nothing is being handled, and batches what arrives meanwhile (group commit), instead of waiting
// for the flush timer. flushMs is a minute here, so no test passes by the timer.

/** A pull subscription fed by the test: `deliver` pushes messages as one burst. */
function fakeJetStream() {
  const queue: JsMsg[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  async function* iterate(): AsyncGenerator<JsMsg> {
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      if (closed) return;
      await new Promise<void>((r) => (wake = r));
    }
  }
  const messages = Object.assign(iterate(), {
    close: () => {
      closed = true;
      wake?.();
      return Promise.resolve();
    },
  }) as unknown as ConsumerMessages;
  const js = {
    consumers: { get: () => Promise.resolve({ consume: () => Promise.resolve(messages) }) },
  } as unknown as JetStreamClient;
  const deliver = (...ids: string[]) => {
    queue.push(...ids.map((id) => ({ seq: id }) as unknown as JsMsg));
    wake?.();
  };
  return { js, deliver };
}

/** A consumer whose handler records each batch and holds it until released. */
async function recordingConsumer(batchSize: number, maxInFlight: number) {
  const { js, deliver } = fakeJetStream();
  const batches: string[][] = [];
  const gates: Array<() => void> = [];
  const consumer = new BatchConsumer(
    js,
    { stream: 's', durable: 'd', batchSize, flushMs: 60_000, maxInFlight },
    async (batch) => {
      batches.push(batch.map((m) => (m as unknown as { seq: string }).seq));
      await new Promise<void>((r) => gates.push(r));
    },
  );
  await consumer.start();
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  const releaseOne = async () => {
    gates.shift()?.();
    await settle();
  };
  return { consumer, deliver, batches, settle, releaseOne, open: () => gates.length };
}

describe('BatchConsumer dispatch', () => {
  it('hands a lone message over at once when nothing is being handled', async () => {
    const c = await recordingConsumer(500, 2);
    c.deliver('m1');
    await c.settle();
    expect(c.batches).toEqual([['m1']]);
    await c.releaseOne();
    await c.consumer.stop();
  });

  it('keeps a burst together', async () => {
    const c = await recordingConsumer(500, 2);
    c.deliver('m1', 'm2', 'm3');
    await c.settle();
    expect(c.batches).toEqual([['m1', 'm2', 'm3']]);
    await c.releaseOne();
    await c.consumer.stop();
  });

  it('batches what arrives while a batch is handled, and hands it over when that one is done', async () => {
    const c = await recordingConsumer(500, 2);
    c.deliver('m1');
    await c.settle();
    c.deliver('m2');
    await c.settle();
    c.deliver('m3', 'm4');
    await c.settle();
    expect(c.batches).toEqual([['m1']]);
    await c.releaseOne();
    expect(c.batches).toEqual([['m1'], ['m2', 'm3', 'm4']]);
    await c.releaseOne();
    await c.consumer.stop();
  });

  it('hands a full batch over beside one in hand, up to maxInFlight', async () => {
    const c = await recordingConsumer(3, 2);
    c.deliver('m1');
    await c.settle();
    c.deliver('m2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8');
    await c.settle();
    // m2–m4 full: the second slot; m5–m7 full: waits for a slot; m8 waits behind them.
    expect(c.batches).toEqual([['m1'], ['m2', 'm3', 'm4']]);
    expect(c.open()).toBe(2);
    await c.releaseOne();
    expect(c.batches).toEqual([['m1'], ['m2', 'm3', 'm4'], ['m5', 'm6', 'm7']]);
    await c.releaseOne();
    await c.releaseOne();
    expect(c.batches).toEqual([['m1'], ['m2', 'm3', 'm4'], ['m5', 'm6', 'm7'], ['m8']]);
    await c.releaseOne();
    await c.consumer.stop();
  });

  it('on stop, hands over what is pending and waits for the batches in hand', async () => {
    const c = await recordingConsumer(500, 1);
    c.deliver('m1');
    await c.settle();
    c.deliver('m2');
    await c.settle();
    let stopped = false;
    const stopping = c.consumer.stop().then(() => (stopped = true));
    await c.releaseOne();
    expect(c.batches).toEqual([['m1'], ['m2']]);
    expect(stopped).toBe(false);
    await c.releaseOne();
    await stopping;
    expect(stopped).toBe(true);
  });
});
