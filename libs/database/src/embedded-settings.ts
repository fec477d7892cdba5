import { totalmem } from 'node:os';

// PostgreSQL settings of the embedded server (all-in-one mode), sized from the machine's memory
// instead of PostgreSQL's 128 MB defaults. The embedded server shares the machine with the Node
// process (and, on a laptop, with everything else), so it takes a modest share: an eighth of the
// memory for its own cache and lets the operating system's page cache do the rest (which is what
// effective_cache_size tells the planner). docs/benchmarks.md lists the values for common sizes.
//
// Durability is not traded for speed: fsync and synchronous_commit stay on (an acknowledged event is
// on disk, architecture.md §4). An external PostgreSQL (DATABASE_URL) is configured by its operator.

const MB = 1024;
const GB = 1024 * MB;

/** Memory settings derived from the machine's memory; the rest fixed. Values in PostgreSQL syntax. */
export interface EmbeddedPostgresSettings {
  readonly [name: string]: string;
}

function clamp(kb: number, minKb: number, maxKb: number): number {
  return Math.min(maxKb, Math.max(minKb, kb));
}

/** Rounded down to whole megabytes, so that what PostgreSQL reports back is the value given. */
function megabytes(kb: number): string {
  return `${Math.floor(kb / MB)}MB`;
}

/**
 * Memory the embedded server should size itself for, in bytes: the machine's total, or the
 * container's limit when one is set below it.
 */
export function availableMemoryBytes(): number {
  const total = totalmem();
  const limit = process.constrainedMemory() ?? 0;
  // No limit reads as 0 or as a huge number, depending on the cgroup version.
  return limit > 0 && limit < total ? limit : total;
}

/**
 * The settings for a machine with `memoryBytes` of memory. On 24 GB: shared_buffers 3 GB,
 * effective_cache_size 12 GB, work_mem 64 MB, maintenance_work_mem 768 MB; on 2 GB: 256 MB, 1 GB,
 * 8 MB, 64 MB; never below PostgreSQL's own defaults.
 */
export function embeddedPostgresSettings(
  memoryBytes: number = availableMemoryBytes(),
): EmbeddedPostgresSettings {
  const memKb = Math.max(0, Math.floor(memoryBytes / 1024));
  return {
    // The server's own cache: 1/8 of memory, 128 MB (the default) to 4 GB.
    shared_buffers: megabytes(clamp(memKb / 8, 128 * MB, 4 * GB)),
    // A planner hint, not an allocation: what PostgreSQL plus the OS page cache may hold.
    effective_cache_size: megabytes(clamp(memKb / 2, 512 * MB, 64 * GB)),
    // Per sort or hash node: the KPI aggregations group in memory instead of spilling to disk. The
    // services use small pools (a few connections), so 1/384 of memory stays well within budget.
    work_mem: megabytes(clamp(memKb / 384, 4 * MB, 64 * MB)),
    // Index builds in migrations and autovacuum on the large ledger tables.
    maintenance_work_mem: megabytes(clamp(memKb / 32, 64 * MB, 1 * GB)),
    // Sustained ingestion writes a lot of WAL: fewer, spread-out checkpoints (the default 1 GB and
    // 5 min force one every few seconds at full speed), and compressed full-page images.
    max_wal_size: '4GB',
    min_wal_size: '256MB',
    checkpoint_timeout: '15min',
    checkpoint_completion_target: '0.9',
    wal_compression: 'on',
    // Durability stays on, explicitly: an accepted event survives a crash.
    fsync: 'on',
    synchronous_commit: 'on',
    full_page_writes: 'on',
  };
}

/** `postgres -c name=value …` flags for the settings. */
export function embeddedPostgresFlags(
  settings: EmbeddedPostgresSettings = embeddedPostgresSettings(),
): string[] {
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}
