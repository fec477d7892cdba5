import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { type Db, readAll } from './serial-read';

/** Reads that record how many of them run at once, each answering its own name. */
function reads(names: string[]) {
  let running = 0;
  let most = 0;
  const read = (name: string) => async () => {
    running += 1;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, 5));
    running -= 1;
    return name;
  };
  return { fns: names.map(read), most: () => most };
}

describe(readAll.name, () => {
  it('runs the reads side by side on the pool', async () => {
    const pool = Object.create(DataSource.prototype) as DataSource;
    const r = reads(['a', 'b', 'c']);
    await expect(readAll(pool, ...r.fns)).resolves.toEqual(['a', 'b', 'c']);
    expect(r.most()).toBe(3);
  });

  it("runs them one after another on a transaction's connection, answers in order", async () => {
    const transaction: Db = { query: () => Promise.reject(new Error('not used')) };
    const r = reads(['a', 'b', 'c']);
    await expect(readAll(transaction, ...r.fns)).resolves.toEqual(['a', 'b', 'c']);
    expect(r.most()).toBe(1);
  });

  it('stops at the first failed read in a transaction', async () => {
    const transaction: Db = { query: () => Promise.reject(new Error('not used')) };
    let after = false;
    await expect(
      readAll(
        transaction,
        () => Promise.reject(new Error('read failed')),
        async () => {
          after = true;
          return 1;
        },
      ),
    ).rejects.toThrow('read failed');
    expect(after).toBe(false);
  });
});
