/**
 * `npm run screenshots`: the workbench's main views as 1280×800 PNGs (and a phone's 390×844) in
 * docs/screenshots/, taken from the real server and the built app in Debian's Chromium (see
 * docs/workbench.md).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromiumAvailable, MISSING_CHROMIUM, openWorkbench, ROOT, setSlider } from "./browser.js";

if (!chromiumAvailable()) {
  console.error(MISSING_CHROMIUM);
  process.exit(1);
}
const out = join(ROOT, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const wb = await openWorkbench();
const { page } = wb;
const shot = async (name: string) => {
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(out, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
};
try {
  await page.goto(wb.url);
  await page.locator("[data-testid=stance-grid]").waitFor();
  await page.click("[data-testid=stance-grid] input[data-path='stances.DPRK.sanctions.salience'] ~ button.pin");
  await page.locator("input[data-path='stances.DPRK.denuclearization.salience']").scrollIntoViewIfNeeded();
  await page.evaluate("window.scrollTo(0, 0)");
  await shot("scenario-grid");

  await page.locator("input[data-path='stances.JPN.sanctions.salience']").fill("150");
  await page.locator("input[data-path='stances.JPN.sanctions.salience']").scrollIntoViewIfNeeded();
  await page.locator(".cell-error").first().waitFor();
  await shot("scenario-validation");
  await page.locator("input[data-path='stances.JPN.sanctions.salience']").fill("95");

  await page.click("[data-testid=tab-forecast]");
  await page.locator("[data-testid=forecast-table]").waitFor();
  await shot("forecast");
  await page.locator(".rounds").scrollIntoViewIfNeeded();
  await page.selectOption(".rounds select", "sanctions");
  await page.evaluate("document.querySelector('.rounds').scrollIntoView({block: 'end'})");
  await shot("forecast-rounds");

  // Calibrated intervals (the bundled DEU III track record) and a Monte Carlo run of 500 draws, seed 0.
  await page.getByTestId("calibration-bundled").click();
  await page.getByTestId("calibration-results").waitFor();
  await page.selectOption("[data-testid=mc-runs]", "500");
  await page.getByTestId("mc-run").click();
  await page.locator("[data-testid=mc-results][data-partial=false]").waitFor({ timeout: 300_000 });
  await page.getByTestId("tornado").waitFor({ timeout: 300_000 });
  await page.evaluate("document.querySelector('[data-testid=forecast-table]').scrollIntoView({block: 'start'})");
  await page.evaluate("window.scrollBy(0, -40)");
  await shot("forecast-calibration");
  await page.evaluate("document.querySelector('[data-testid=uncertainty]').scrollIntoView({block: 'start'})");
  await shot("forecast-monte-carlo");
  await page.selectOption("[data-testid=tornado-issue]", "sanctions");
  await page.evaluate("document.querySelector('[data-testid=tornado]').scrollIntoView({block: 'center'})");
  await shot("forecast-tornado");
  await page.getByTestId("calibration-clear").click();

  await page.click("[data-testid=tab-deal]");
  await page.locator("[data-testid=current-deal]").waitFor({ state: "attached" });
  await page.selectOption("[data-testid=deal-preset]", "dprk-offer");
  await setSlider(page, "input[data-issue=declaration]", 55);
  await shot("deal-builder");
  // Saved as a named deal (the address carries the deal: the link reopens it).
  await page.fill("[data-testid=named-deal-name]", "Yongbyon and a declaration");
  await page.click("[data-testid=save-named-deal]");
  await page.getByTestId("named-deal-saved").waitFor();
  await page.evaluate("document.querySelector('[data-testid=save-deal]').scrollIntoView({block: 'center'})");
  await shot("deal-named");
  await page.click("[data-testid=undo-named-deal]");
  await page.evaluate("window.scrollTo(0, 0)");
  await page.evaluate("document.querySelector('.space').scrollIntoView({block: 'start'})");
  await page.evaluate("window.scrollBy(0, -60)");
  await shot("deal-space");

  // The talks simulated (every party Boulware), played back to twelve rounds before their end.
  await page.click("[data-testid=tab-simulate]");
  await page.getByTestId("simulate-run").click();
  await page.getByTestId("simulate-result").waitFor();
  await page.getByTestId("simulate-space").focus();
  for (let k = 0; k < 12; k++) await page.keyboard.press("ArrowLeft");
  await page.evaluate("document.querySelector('[data-testid=simulate-outcome]').scrollIntoView({block: 'start'})");
  await page.evaluate("window.scrollBy(0, -150)");
  await shot("simulate");

  await page.fill("[data-testid=save-message]", "Japan weighs sanctions relief more heavily");
  await page.click("[data-testid=save-version]");
  await page.locator(".scenario-title .version", { hasText: "v2" }).waitFor();
  await page.click("[data-testid=tab-forecast]");
  await page.getByRole("button", { name: "Save this forecast as a run" }).click();
  await page.click("[data-testid=tab-history]");
  await page.locator("[data-testid=versions] tbody tr").nth(1).waitFor();
  await page.click("[data-testid=compare]");
  await page.locator("[data-testid=diff]").waitFor();
  await page.click("[data-testid=diff] summary");
  await shot("history");

  await page.click("[data-testid=lang-zh]");
  await page.click("[data-testid=tab-scenario]");
  await page.locator("[data-testid=stance-grid]").waitFor();
  await page.hover("input[data-path='stances.CHN.missiles.salience']");
  await shot("scenario-grid-zh");
  await page.click("[data-testid=tab-deal]");
  await page.locator("[data-testid=current-deal]").waitFor({ state: "attached" });
  await shot("deal-builder-zh");
  await page.click("[data-testid=lang-en]");

  await page.click("[data-testid=print-briefing]");
  await page.locator("[data-testid=briefing]").waitFor();
  await page.emulateMedia({ media: "print" });
  await shot("briefing-print");
  await page.emulateMedia({ media: "screen" });

  // A phone (390 × 844): the grid in its own scrolling frame, and the guided start of a new scenario.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${wb.url}s/hanoi-2019`);
  await page.locator("[data-testid=stance-grid]").waitFor();
  await shot("phone-grid");
  await page.goto(`${wb.url}new`);
  await page.getByTestId("new-scenario").waitFor();
  await shot("phone-new-scenario");
  await page.goto(`${wb.url}s/hanoi-2019/deal?deal=dprk-offer`);
  await page.locator("[data-testid=current-deal]").waitFor({ state: "attached" });
  await shot("phone-deal");
  await page.goto(`${wb.url}s/hanoi-2019/forecast`);
  await page.getByTestId("forecast-table").waitFor();
  await shot("phone-forecast");
  await page.setViewportSize({ width: 1280, height: 800 });
  if (wb.problems.length > 0) console.error(`browser console errors:\n${wb.problems.join("\n")}`);
} finally {
  await wb.close();
}
