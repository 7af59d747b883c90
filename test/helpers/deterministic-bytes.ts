/**
 * Deterministic pseudo-random bytes (xorshift32): the same `length` and `seed` always give the
 * same bytes, and different seeds give different bytes, so tests can recompute what they wrote.
 */
export function deterministicBytes(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  // Why the multiplier: spreads small consecutive seeds over the whole 32-bit state.
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
