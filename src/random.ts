/**
 * A small seeded pseudo-random generator for reproducible stochastic models.
 *
 * Construction (splitmix32 style): a 32-bit Weyl sequence (state += 0x9E3779B9, the golden-ratio increment)
 * passed through the MurmurHash3 32-bit finaliser (two xor-shift-multiply rounds). Every state maps to a
 * well-mixed output, the period is 2^32, and the sequence depends on nothing but the seed. It is not
 * cryptographic; it is meant for Monte-Carlo-style draws in models.
 */

/**
 * Returns a generator of uniforms in [0, 1) fully determined by `seed`.
 * The seed is truncated to an integer and reduced modulo 2^32 (so −1 and 4294967295 give the same stream).
 */
export function createRng(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: seed must be a finite number, got ${seed}`);
  let state = Math.trunc(seed) >>> 0;
  return function nextUniform(): number {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 4294967296;
  };
}
