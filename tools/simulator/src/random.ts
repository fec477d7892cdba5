// Seeded randomness for the simulator: same seed, same draws.

/** mulberry32: a tiny, well-distributed 32-bit PRNG; plenty for simulation, not for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator's draws, all from one mulberry32 stream. */
export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Index drawn with the given (non-negative) weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((s, w) => s + w, 0);
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /**
   * A version-4-shaped UUID unique by construction for (`stream`, `n`): the stream (the generator's
   * seed) in the first 8 hex digits, `n` in the last 12, random digits between. Purely random ones
   * repeated at 10 M dossiers: mulberry32's 32-bit state walks one cycle, so generators seeded
   * apart by less than their draws replay each other's numbers. Draws 4 numbers, as before, so the
   * rest of a seed's events are unchanged.
   */
  uuid(stream: number, n: number): string {
    const drawn = Array.from({ length: 4 }, () =>
      Math.floor(this.next() * 2 ** 32)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
    const hex = `${(stream >>> 0).toString(16).padStart(8, '0')}${drawn.slice(8, 20)}${n.toString(16).padStart(12, '0')}`;
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
