import { describe, expect, it } from '@jest/globals';
import { embeddedPostgresFlags, embeddedPostgresSettings } from './embedded-settings';

const GiB = 1024 ** 3;

describe('embeddedPostgresSettings', () => {
  it('sizes the caches of a 24 GB machine (the development machine)', () => {
    const s = embeddedPostgresSettings(24 * GiB);
    expect(s.shared_buffers).toBe('3072MB');
    expect(s.effective_cache_size).toBe('12288MB');
    expect(s.work_mem).toBe('64MB');
    expect(s.maintenance_work_mem).toBe('768MB');
  });

  it('stays modest on a 2 GB machine', () => {
    const s = embeddedPostgresSettings(2 * GiB);
    expect(s.shared_buffers).toBe('256MB');
    expect(s.effective_cache_size).toBe('1024MB');
    expect(s.work_mem).toBe('5MB');
    expect(s.maintenance_work_mem).toBe('64MB');
  });

  it("never goes below PostgreSQL's defaults on a tiny machine, nor past the caps on a huge one", () => {
    const tiny = embeddedPostgresSettings(256 * 1024 ** 2);
    expect(tiny.shared_buffers).toBe('128MB');
    expect(tiny.work_mem).toBe('4MB');
    expect(tiny.maintenance_work_mem).toBe('64MB');
    const huge = embeddedPostgresSettings(512 * GiB);
    expect(huge.shared_buffers).toBe('4096MB');
    expect(huge.work_mem).toBe('64MB');
    expect(huge.maintenance_work_mem).toBe('1024MB');
    expect(huge.effective_cache_size).toBe('65536MB');
  });

  it('keeps durability on and spaces checkpoints out', () => {
    const s = embeddedPostgresSettings(24 * GiB);
    expect(s.fsync).toBe('on');
    expect(s.synchronous_commit).toBe('on');
    expect(s.full_page_writes).toBe('on');
    expect(s.max_wal_size).toBe('4GB');
    expect(s.wal_compression).toBe('on');
  });

  it('turns the settings into postgres -c flags', () => {
    expect(embeddedPostgresFlags({ work_mem: '8MB', fsync: 'on' })).toEqual([
      '-c',
      'work_mem=8MB',
      '-c',
      'fsync=on',
    ]);
  });
});
