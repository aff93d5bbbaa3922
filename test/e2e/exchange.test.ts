/**
 * The exchange model's trades in the workbench's forecast view (web/src/views/ExchangeTrades.tsx): the
 * largest trades and each round's exchanges, worded from the run's numbers, the same sentences the library
 * builds from its own run of the scenario.
 */
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/files/load.js";
import { forecast } from "../../src/forecast.js";
import { exchangeSentence, tradeSentence, tradesOf } from "../../src/report/exchanges.js";
import { useWorkbench } from "./fixture.js";

describe("the exchange model in the forecast view", () => {
  const wb = useWorkbench();
  const scenario = loadScenario("scenarios/hanoi-2019.yaml");
  const [run] = forecast(scenario, { models: ["exchange"] });

  it("lists the largest trades and each round's exchanges, as the library words them", async () => {
    const { page } = wb;
    await page.goto(`${wb.url}/s/hanoi-2019`);
    await page.locator("[data-testid=stance-grid]").waitFor();
    await page.click("[data-testid=tab-forecast]");
    const section = page.locator("[data-testid=exchange-trades]");
    await section.waitFor();
    const played = run!.rounds!.filter((r) => (r.exchanges?.length ?? 0) > 0);
    expect(played.length).toBeGreaterThan(1);
    const largest = tradeSentence(tradesOf(run!)[0]!, scenario, "en");
    await expect.poll(() => section.locator("ul li").first().textContent()).toBe(largest);

    const listed = () => section.locator("ol.exchange-list li").allTextContents();
    const first = played[0]!;
    expect((await listed())[0]).toBe(exchangeSentence(first.exchanges![0]!, scenario, "en"));
    const second = played[1]!;
    await section.locator("select").selectOption(String(second.round));
    await expect.poll(async () => (await listed())[0]).toBe(exchangeSentence(second.exchanges![0]!, scenario, "en"));
    expect((await listed()).length).toBe(Math.min(10, second.exchanges!.length));
    // A sentence carries the run's numbers: the first mover's start and end positions.
    expect((await listed())[0]).toMatch(/\(-?[\d.]+ → -?[\d.]+\) in return for /);
  });
});
