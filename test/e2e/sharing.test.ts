/**
 * Sharing and import: a refused import lists every problem with its place (file, line, column,
 * field) instead of one truncated line.
 */
import { describe, expect, it } from "vitest";
import { useWorkbench } from "./fixture.js";

const BROKEN = `id: broken
title: Broken scenario
actors:
  - id: A
    name: Alpha
    capability: 150
  - id: B
    name: Beta
    capability: -3
issues:
  - id: x
    name: X
    scale: {min: 0, max: 100}
stances:
  A: {x: {position: 500, salience: 50}}
  B: {x: {position: 20, salience: 50}}
`;

describe("importing", () => {
  const wb = useWorkbench();

  it("shows every problem of a refused import with its file, line and column", async () => {
    const { page } = wb;
    await page.goto(`${wb.url}/s/hanoi-2019`);
    await page.locator("[data-testid=stance-grid]").waitFor();
    await page.locator("[data-testid=import-files]").setInputFiles({ name: "broken.yaml", mimeType: "application/yaml", buffer: Buffer.from(BROKEN) });
    const problems = page.locator("[data-testid=import-problem]");
    await problems.first().waitFor();
    const texts = await problems.allTextContents();
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const text of texts) expect(text).toMatch(/^broken\.yaml:\d+:\d+ /);
    expect(texts.some((t) => t.startsWith("broken.yaml:1:1 parley "))).toBe(true);
    expect(texts.some((t) => t.startsWith("broken.yaml:9:17 actors[1].capability ") && t.includes("-3"))).toBe(true);
    expect(texts.some((t) => t.startsWith("broken.yaml:15:21 stances.A.x.position ") && t.includes("500"))).toBe(true);
    expect(await page.locator("[data-testid=import-error]").textContent()).toContain(`broken.yaml cannot be imported: ${texts.length} problems.`);
    expect(await page.locator("[data-testid=import-error]").textContent()).not.toContain("…");
  });
});
