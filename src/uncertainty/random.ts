/**
 * Counter-based random numbers for Monte Carlo runs: the uniform an input gets in sample k is a hash
 * of (seed, k, the input's key) and of nothing else. No generator state is carried from one sample to
 * the next, so samples can be computed in any order, on any number of threads, with identical results.
 *
 * The hash is MurmurHash3 (x86, 32-bit) of the three 32-bit words, whose finaliser is the same mixing
 * step as `createRng` in `../random.ts`; it passes SMHasher's avalanche tests, so neighbouring counters
 * give unrelated uniforms. Uniforms have 32-bit resolution, like `createRng`'s.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** MurmurHash3's final avalanche: every input bit affects every output bit. */
function fmix32(h: number): number {
  let x = h;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** MurmurHash3_x86_32 of three 32-bit words (little-endian blocks), seed 0. */
export function hash3(a: number, b: number, c: number): number {
  let h = 0;
  for (const word of [a >>> 0, b >>> 0, c >>> 0]) {
    let k = Math.imul(word, C1);
    k = rotl(k, 15);
    k = Math.imul(k, C2);
    h ^= k;
    h = rotl(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix32(h ^ 12);
}

/** A 32-bit key for a text (FNV-1a, then mixed): an input's stream key from its id. */
export function keyOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** The uniform in [0, 1) that stream `key` gets in sample `sample` of a run seeded with `seed`. */
export function counterUniform(seed: number, sample: number, key: number): number {
  return hash3(seed, sample, key) / 4294967296;
}

/** Stream key reserved for the seed handed to stochastic models (SMP's Stochastic mode) in each sample. */
export const MODEL_SEED_KEY = 0xffffffff;

/** The seed a stochastic model gets in sample `sample`: it feeds `createRng` of `../random.ts`. */
export function modelSeed(seed: number, sample: number): number {
  return hash3(seed, sample, MODEL_SEED_KEY);
}
