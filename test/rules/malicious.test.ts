import { describe, expect, it } from "vitest";
import { evaluateRule, explainReason, MAX_NESTING_DEPTH, MAX_RULE_LENGTH, parseRule, type RuleSchema } from "../../src/rules/index.js";
import { contextFor, hanoiDeal, mustFail, pointedAt, schema } from "./fixtures.js";

/** mulberry32: a tiny seeded PRNG, so the random tests are reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fragments that random rules are built from: real tokens, near misses and hostile characters. */
const FRAGMENTS = [
  "roadmap", "definition", "agreed", "missiles", "icbm_only", "ROK", "JPN", "USA", "a", "i", "x",
  "any", "all", "count", "in", "not", "and", "or", "actors", "issues",
  "salience", "against", "toward", "accepts", "moved", "deal", "min", "abs", "gain", "__proto__", "constructor",
  "(", ")", "[", "]", ",", ":", " ", " ", " ", "\n",
  ">=", "<=", "==", "!=", "<", ">", "=", "≥", "≤", "≠", "+", "-", "*", "/", "&&", "||", "!",
  "0", "60", "1.5", "9".repeat(400), "'", '"', "'quoted id'",
  "\u200b", "\u202e", "\ud800", "\udfff", "😀", "о", "\u0000", "\u00a0", "\\", "$", "{", "}", ";", "`",
];

/** A random rule of up to `maxFragments` fragments, sometimes with a random code unit mixed in. */
function randomRule(random: () => number, maxFragments: number): string {
  const count = Math.floor(random() * maxFragments);
  let text = "";
  for (let index = 0; index < count; index += 1) {
    text += random() < 0.1 ? String.fromCharCode(Math.floor(random() * 0x10000)) : (FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] ?? "");
  }
  return text;
}

/** Checks that every diagnostic lies inside the text and says something. */
function expectWellFormedErrors(text: string, errors: readonly { offset: number; length: number; message: string }[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.offset).toBeGreaterThanOrEqual(0);
    expect(error.length).toBeGreaterThanOrEqual(0);
    expect(error.offset + error.length).toBeLessThanOrEqual(text.length);
    expect(error.message.length).toBeGreaterThan(0);
  }
}

describe("hostile sizes", () => {
  it("rejects huge text before reading it, pointing past the limit", () => {
    // The text opens with a character the tokenizer would refuse: only the length error comes back, so
    // the limit is checked before any of the million characters is read.
    const text = `@${"a".repeat(999_999)}`;
    const errors = mustFail(text);
    expect(errors).toEqual([
      { offset: MAX_RULE_LENGTH, length: 1_000_000 - MAX_RULE_LENGTH, message: `the rule is too long (1000000 characters; the limit is ${MAX_RULE_LENGTH}); split it into several rules` },
    ]);
  });

  it("accepts a long but valid rule up to the limit", () => {
    const text = `${"1 + ".repeat(490)}1 > 0`;
    expect(text.length).toBeLessThanOrEqual(MAX_RULE_LENGTH);
    const result = parseRule(text, schema);
    expect(result.ok).toBe(true);
    if (result.ok) expect(evaluateRule(result.rule, contextFor(hanoiDeal())).value).toBe(true);
  });

  it.each([
    ["brackets", `${"(".repeat(900)}1 > 0${")".repeat(900)}`],
    ["not", `${"not ".repeat(400)}accepts(USA)`],
    ["unary minus", `${"-".repeat(1500)}1 > 0`],
    ["calls", `${"abs(".repeat(300)}1${")".repeat(300)} > 0`],
    ["quantifiers", `${"any a in actors: ".repeat(100)}accepts(USA)`],
    ["unclosed brackets", "(".repeat(1999)],
  ])("stops deep nesting (%s) with one located error", (_kind, text) => {
    const errors = mustFail(text);
    expectWellFormedErrors(text, errors);
    expect(errors.some((error) => error.message.includes(`nested too deeply (more than ${MAX_NESTING_DEPTH} levels`))).toBe(true);
  });

  it("allows nesting up to the limit", () => {
    const depth = MAX_NESTING_DEPTH - 2;
    expect(parseRule(`${"(".repeat(depth)}roadmap > 1${")".repeat(depth)}`, schema).ok).toBe(true);
  });

  it("bounds quantifier work: sibling quantifiers at the limit stop at the step budget", () => {
    const actors = Array.from({ length: 10 }, (_, index) => `A${index}`);
    const wide: RuleSchema = { actors, issues: [{ id: "x", kind: "numeric" }] };
    const one = "(count a in actors,b in actors,c in actors,d in actors:accepts(a)and accepts(b)and accepts(c))<0";
    const text = Array.from({ length: 19 }, () => one).join(" or ");
    const result = parseRule(text, wide);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const context = { ...contextFor(hanoiDeal()), utility: () => 1, reservation: () => 0 };
    const outcome = evaluateRule(result.rule, context);
    expect(outcome.value).toBe(false);
    expect(explainReason(outcome.reason)).toMatch(/evaluation stopped after 1000000 steps|is 10000/);
  });
});

describe("prototype names are plain unknown names", () => {
  it.each(["__proto__ > 1", "constructor > 1", "toString == 1", "hasOwnProperty(USA) > 1", "accepts(__proto__)", "moved(constructor) > 0", "definition == __proto__", "definition in [constructor, valueOf]", "any a in [__proto__]: accepts(a)"])(
    "%s is rejected without touching prototypes",
    (text) => {
      const errors = mustFail(text);
      expectWellFormedErrors(text, errors);
      expect(errors.some((error) => /unknown|not an option/.test(error.message))).toBe(true);
    },
  );

  it("ids spelled like prototype properties work as ordinary ids", () => {
    const odd: RuleSchema = { actors: ["constructor", "toString"], issues: [{ id: "__proto__", kind: "options", options: ["hasOwnProperty", "prototype"] }] };
    const result = parseRule("__proto__ == prototype and accepts(constructor) and any a in actors: salience(a, __proto__) > 1", odd);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const outcome = evaluateRule(result.rule, {
      value: () => "prototype",
      reference: () => undefined,
      position: () => undefined,
      salience: (actor) => (actor === "toString" ? 5 : undefined),
      capability: () => undefined,
      utility: () => 1,
      reservation: () => 0,
    });
    expect({ value: outcome.value, why: explainReason(outcome.reason) }).toEqual({ value: true, why: "__proto__ is prototype; constructor accepts (utility 1.000 ≥ walk-away 0.000); toString: the salience of __proto__ to toString is 5, above 1" });
    expect(({} as Record<string, unknown>)["prototype"]).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("hasOwnProperty_");
  });
});

describe("malformed input", () => {
  it.each([
    ["definition in [agreed, ", "["],
    ["definition in [agreed partial]", "partial"],
    ["any a in [ROK, : accepts(a)", ":"],
    ["accepts(USA", "("],
    ["salience(ROK,, sanctions) > 1", ","],
    ["roadmap > 1)", ")"],
    ["'unterminated > 1", "'unterminated > 1"],
  ])("%s gives a located error", (text, at) => {
    const errors = mustFail(text);
    expectWellFormedErrors(text, errors);
    expect(errors.map((error) => pointedAt(text, error))).toContain(at);
  });

  it("nothing after an operator, or only punctuation", () => {
    for (const text of ["not", "-", "(", ")", "[", "]", ",", ":", "any", "count a in actors:", "roadmap in", "1 +", "and"]) {
      expectWellFormedErrors(text, mustFail(text));
    }
  });
});

describe("unicode tricks", () => {
  it.each([
    ["rоadmap > 1", "о", "U+043E"], // Cyrillic o
    ["road\u200bmap > 1", "\u200b", "U+200B"], // zero-width space
    ["roadmap > 1 \u202eand 1 > 0", "\u202e", "U+202E"], // right-to-left override
    ["ｒｏａｄｍａｐ > 1", "ｒ", "U+FF52"], // fullwidth letters
    ["roadmap > 1\u0000", "\u0000", "U+0000"], // NUL
    ["\ud800 roadmap > 1", "\ud800", "U+D800"], // lone surrogate
    ["roadmap > 1 😀", "😀", "U+1F600"], // astral character: two code units
  ])("%j is reported at the offending character", (text, char, codePoint) => {
    const errors = mustFail(text);
    expectWellFormedErrors(text, errors);
    const error = errors.find((candidate) => pointedAt(text, candidate) === char);
    expect(error?.message).toContain(codePoint);
  });

  it("messages never contain invisible characters from the rule", () => {
    const errors = mustFail("x\u202ey\u200b > 1");
    for (const error of errors) expect(error.message).not.toMatch(/[\u200b\u202e]/);
  });

  it("a look-alike name still gets a suggestion", () => {
    expect(mustFail("rоadmap > 1").map((error) => error.message)).toContain("unknown issue 'rоadmap' — did you mean 'roadmap'?");
  });

  it("non-breaking spaces count as spaces", () => {
    expect(parseRule("roadmap\u00a0>\u00a01", schema).ok).toBe(true);
  });
});

describe("property: parsing never throws", () => {
  it("on 4000 seeded random strings, errors lie inside the text and valid rules evaluate", () => {
    const random = seededRandom(20190227);
    const context = contextFor(hanoiDeal());
    for (let round = 0; round < 4000; round += 1) {
      const text = randomRule(random, round % 10 === 0 ? 120 : 12);
      const result = parseRule(text, schema);
      if (result.ok) {
        const outcome = evaluateRule(result.rule, context);
        expect(typeof outcome.value).toBe("boolean");
        expect(explainReason(outcome.reason).length).toBeGreaterThan(0);
      } else {
        expectWellFormedErrors(text, result.errors);
      }
    }
  });

  it("on random mutations of valid rules", () => {
    const random = seededRandom(7);
    const seeds = [
      "any a in [ROK, JPN], i in issues: salience(a, i) >= 60 and against(a, i)",
      "missiles == icbm_only and (salience(CHN, missiles) >= 60 or salience(JPN, missiles) >= 60)",
      "(count a in actors: accepts(a)) >= 4 and definition in [agreed, partial]",
      "abs(deal(verification) - reference(verification)) < 10",
    ];
    const context = contextFor(hanoiDeal());
    let valid = 0;
    for (let round = 0; round < 3000; round += 1) {
      const seed = seeds[round % seeds.length] ?? "";
      const cut = Math.floor(random() * seed.length);
      const insert = FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] ?? "";
      const removed = Math.floor(random() * 4);
      const text = seed.slice(0, cut) + insert + seed.slice(cut + removed);
      const result = parseRule(text, schema);
      if (result.ok) {
        valid += 1;
        expect(typeof evaluateRule(result.rule, context).value).toBe("boolean");
      } else {
        expectWellFormedErrors(text, result.errors);
      }
    }
    expect(valid).toBeGreaterThan(10);
  });
});
