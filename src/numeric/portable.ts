/**
 * Portable elementary functions: `exp`, `log` and `pow` built from IEEE 754 addition, multiplication,
 * division and exact bit manipulation only, so every JavaScript engine returns the same bits.
 *
 * Why: `Math.exp`, `Math.log` and `Math.pow` are left to the engine and differ in the last bit between
 * engines and versions (about one input in ten between Node 20 and a current Chromium). The expected
 * utility model amplifies such a bit over its rounds: on the Hanoi scenario the workbench and the command
 * line gave 82.06 and 70.25 for one issue. The models, the sampling and the negotiators use these instead,
 * so the command line, the server and the workbench agree to the bit.
 *
 * Accuracy: `exp` and `log` within 2 units in the last place; `pow` as `exp(y·log x)`, so it carries
 * the rounding of `y·log x`, about |y·log x| ulp (relative error below 1e-14 for the bases 0–1.5 and
 * exponents 0.05–5 the models use). Checked against the engine's own functions in
 * test/numeric/portable.test.ts. Exact where it matters most: `pow(x, 0) = 1`,
 * `pow(x, 1) = x`, `pow(x, 2) = x·x`, `pow(x, 0.5) = √x` (√ is correctly rounded by IEEE 754).
 */

const scratch = new DataView(new ArrayBuffer(8));

/** 2^k for a whole k in [−1022, 1023], from its bits. */
function powerOfTwo(k: number): number {
  scratch.setUint32(0, (k + 1023) << 20);
  scratch.setUint32(4, 0);
  return scratch.getFloat64(0);
}

/** ln 2 split so that k·LN2_HIGH is exact for |k| < 2^11 (its low 32 bits are zero). */
const LN2_HIGH = 6.93147180369123816490e-1;
const LN2_LOW = 1.90821492927058770002e-10;

/** 1/n! for n = 2…13: exp's Taylor coefficients, each the correctly rounded division of the last. */
const F2 = 1 / 2;
const F3 = F2 / 3;
const F4 = F3 / 4;
const F5 = F4 / 5;
const F6 = F5 / 6;
const F7 = F6 / 7;
const F8 = F7 / 8;
const F9 = F8 / 9;
const F10 = F9 / 10;
const F11 = F10 / 11;
const F12 = F11 / 12;
const F13 = F12 / 13;

/** The largest x with a finite e^x, and the x below which e^x rounds to 0. */
const EXP_OVERFLOW = 709.782712893384;
const EXP_UNDERFLOW = -745.1332191019412;

/** e^x. */
export function exp(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x > EXP_OVERFLOW) return Number.POSITIVE_INFINITY;
  if (x < EXP_UNDERFLOW) return 0;
  // x = k·ln 2 + r with |r| ≤ ln 2 / 2 (Cody and Waite's two-part reduction), e^x = 2^k·e^r.
  const k = Math.round(x * Math.LOG2E);
  const r = x - k * LN2_HIGH - k * LN2_LOW;
  const sum = 1 + r * (1 + r * (F2 + r * (F3 + r * (F4 + r * (F5 + r * (F6 + r * (F7 + r * (F8 + r * (F9 + r * (F10 + r * (F11 + r * (F12 + r * F13))))))))))));
  // 2^k in two steps where k is below the normal range, so the scale never leaves the doubles.
  if (k < -1022) return sum * powerOfTwo(k + 600) * powerOfTwo(-600);
  if (k > 1023) return sum * powerOfTwo(k - 1) * 2;
  return sum * powerOfTwo(k);
}


/** ln x (NaN below 0, −∞ at 0). */
export function log(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  let exponent = 0;
  let scaled = x;
  if (scaled < 2.2250738585072014e-308) {
    scaled *= 18014398509481984; // 2^54: a subnormal becomes normal
    exponent = -54;
  }
  // x = 2^e·m with m in [√½, √2), read from the bits (exact).
  scratch.setFloat64(0, scaled);
  const high = scratch.getUint32(0);
  exponent += ((high >>> 20) & 0x7ff) - 1023;
  scratch.setUint32(0, (high & 0x000fffff) | 0x3ff00000);
  let mantissa = scratch.getFloat64(0);
  if (mantissa > Math.SQRT2) {
    mantissa /= 2;
    exponent += 1;
  }
  const s = (mantissa - 1) / (mantissa + 1);
  const s2 = s * s;
  // log m = 2·atanh(s) = 2·(s + s³/3 + s⁵/5 + …), |s| ≤ 0.1716: 11 terms past s reach below 2⁻⁶⁰.
  const series = 1 / 3 + s2 * (1 / 5 + s2 * (1 / 7 + s2 * (1 / 9 + s2 * (1 / 11 + s2 * (1 / 13 + s2 * (1 / 15 + s2 * (1 / 17 + s2 * (1 / 19 + s2 * (1 / 21 + s2 * (1 / 23))))))))));
  const logMantissa = 2 * s + 2 * s * s2 * series;
  return exponent * LN2_HIGH + (exponent * LN2_LOW + logMantissa);
}

/**
 * x^y for x ≥ 0 (NaN for x < 0 unless y is 0, as the models never raise a negative base), with
 * pow(0, y) = 0 for y > 0 and +∞ for y < 0.
 */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (y === 1) return x;
  if (y === 2) return x * x;
  if (x < 0) return Number.NaN;
  if (y === 0.5) return Math.sqrt(x);
  if (x === 0) return y > 0 ? 0 : Number.POSITIVE_INFINITY;
  if (x === 1) return 1;
  return exp(y * log(x));
}
