import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random.js";
import { exp, log, pow } from "../../src/numeric/portable.js";

/** Distance in units of the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Math.abs(Number(view.getBigInt64(0) - view.getBigInt64(8)));
}

/** Seeded inputs spread over many orders of magnitude. */
function inputs(count: number, seed: number, low: number, high: number): number[] {
  const random = createRng(seed);
  return Array.from({ length: count }, () => low + (high - low) * random());
}

describe("portable exp", () => {
  it("is within 2 ulp of the engine's exp over the whole finite range", () => {
    let worst = 0;
    for (const x of [...inputs(20_000, 1, -745, 709.7), ...inputs(20_000, 2, -1, 1), ...inputs(2_000, 3, -1e-12, 1e-12)]) {
      worst = Math.max(worst, ulps(exp(x), Math.exp(x)));
    }
    expect(worst).toBeLessThanOrEqual(2);
  });

  it("keeps the exact values and the edges", () => {
    expect(exp(0)).toBe(1);
    expect(ulps(exp(1), Math.E)).toBeLessThanOrEqual(1);
    expect(exp(710)).toBe(Number.POSITIVE_INFINITY);
    expect(exp(-746)).toBe(0);
    expect(exp(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(exp(Number.NaN)).toBeNaN();
    expect(exp(709.78)).toBeLessThan(Number.MAX_VALUE);
    expect(exp(-745)).toBeGreaterThan(0); // the smallest subnormal's neighbourhood
  });
});

describe("portable log", () => {
  it("is within 2 ulp of the engine's log, subnormals included", () => {
    let worst = 0;
    const xs = [...inputs(20_000, 4, 0, 2), ...inputs(20_000, 5, 0, 1e6), ...inputs(5_000, 6, 0, 1).map((u) => u * 1e-310)];
    for (const x of xs) if (x > 0) worst = Math.max(worst, ulps(log(x), Math.log(x)));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it("is exact where the answer is, and says what has no logarithm", () => {
    expect(log(1)).toBe(0);
    expect(log(Math.E)).toBe(1);
    expect(log(2)).toBe(Math.LN2);
    expect(log(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(log(-1)).toBeNaN();
    expect(log(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("portable pow", () => {
  it("is close to the engine's pow for the bases and exponents the models use", () => {
    let worst = 0;
    const bases = inputs(20_000, 7, 0, 1.5);
    const exponents = inputs(20_000, 8, 0.05, 5);
    for (let i = 0; i < bases.length; i++) worst = Math.max(worst, Math.abs(pow(bases[i]!, exponents[i]!) / Math.pow(bases[i]!, exponents[i]!) - 1));
    // exp(y·log x) carries the rounding of y·log x: about |y·log x| ulp, at most ~1e-14 relative here.
    expect(worst).toBeLessThan(1e-14);
  });

  it("is exact for the exponents 0, 1, 2 and ½ and the bases 0 and 1", () => {
    const random = createRng(9);
    for (let i = 0; i < 1_000; i++) {
      const x = random() * 10;
      expect(pow(x, 0)).toBe(1);
      expect(pow(x, 1)).toBe(x);
      expect(pow(x, 2)).toBe(x * x);
      expect(pow(x, 0.5)).toBe(Math.sqrt(x));
    }
    expect(pow(0, 0.3)).toBe(0);
    expect(pow(0, -0.3)).toBe(Number.POSITIVE_INFINITY);
    expect(pow(1, 1e300)).toBe(1);
    expect(pow(0.5, Number.POSITIVE_INFINITY)).toBe(0);
    expect(pow(-2, 0.5)).toBeNaN();
  });
});

describe("the same bits everywhere", () => {
  // The functions use only IEEE 754 arithmetic, so these bits are what every engine computes; a change of
  // the algorithm shows here first (update the hash on purpose, and say so in the commit).
  it("gives a known digest over seeded inputs", () => {
    const out = new Float64Array(3 * 10_000);
    const random = createRng(2019);
    for (let i = 0; i < 10_000; i++) {
      const u = random();
      out[3 * i] = exp(40 * u - 20);
      out[3 * i + 1] = log(u * 1000);
      out[3 * i + 2] = pow(u, 0.2 + 3 * random());
    }
    const digest = createHash("sha256").update(new Uint8Array(out.buffer)).digest("hex");
    expect(digest).toBe(DIGEST);
  });
});

const DIGEST = "c5099eeafc6cd137d434160d037f565d5169636507a1033daf41b60f9ea903c8";
