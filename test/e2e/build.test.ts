/**
 * Building a model from nothing in the workbench, and keeping unsaved edits: the guided start, the
 * grid's "Add actor" / "Add issue", Setup's rename / reorder / remove, evidence with a checked
 * quote, a range widened from the grid, a text that names another id saved as a new scenario, and
 * the draft that survives switching scenario and reloading.
 */
import { describe, expect, it } from "vitest";
import { SAVE_MS, useWorkbench } from "./fixture.js";

describe("building a scenario in the workbench", () => {
  const wb = useWorkbench();

  it("creates a scenario from scratch with the guided start", async () => {
    const { page } = wb;
    await page.goto(wb.url);
    await page.waitForURL(/\/s\/hanoi-2019$/);
    await page.getByRole("button", { name: "New scenario" }).click();
    await page.waitForURL(/\/new$/);
    await page.getByTestId("new-title").fill("Brexit withdrawal talks");
    await page.getByRole("button", { name: "Next" }).click();
    // The empty state, then the actors one by one.
    await expect.poll(() => page.locator(".empty-state").textContent()).toMatch(/No actors yet/);
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => page.locator("[role=alert]").textContent()).toMatch(/at least two actors/);
    for (const name of ["United Kingdom", "European Union", "Ireland"]) {
      await page.getByTestId("new-actor-name").fill(name);
      await page.getByRole("button", { name: "Add actor" }).click();
    }
    expect(await page.locator("[data-testid=new-actors] tbody tr").count()).toBe(3);
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByTestId("new-issue-name").fill("Backstop");
    await page.getByLabel("Meaning of anchor 1").fill("no backstop");
    await page.getByLabel("Meaning of anchor 2").fill("all-UK customs union");
    await page.getByRole("button", { name: "Add issue" }).click();
    await page.getByTestId("new-issue-name").fill("Court");
    await page.getByText("options (a choice)").click();
    await page.getByLabel("Option 1", { exact: true }).fill("ECJ");
    await page.getByLabel("Option 2", { exact: true }).fill("Arbitration panel");
    await page.getByRole("button", { name: "Add issue" }).click();
    expect(await page.locator("[data-testid=new-issues] li").count()).toBe(2);
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByTestId("create-scenario").click();
    await page.waitForURL(/\/s\/brexit-withdrawal-talks$/);
    const grid = page.locator("[data-testid=stance-grid]");
    await expect.poll(() => grid.textContent()).toContain("European Union");
    expect(await grid.textContent()).toContain("no backstop");
    expect(await page.locator("[data-testid=scenario-list]").textContent()).toContain("Brexit withdrawal talks");
    // A blank scenario says what to do next instead of showing empty headings.
    expect(await page.locator(".empty-state").first().textContent()).toMatch(/No sources yet/);
    expect(wb.problems).toEqual([]);
  });

  it("adds, renames, reorders and removes actors and issues", async () => {
    const { page } = wb;
    await page.getByRole("button", { name: "Add actor" }).click();
    await page.getByLabel("New actor's name").fill("Northern Ireland DUP");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect.poll(() => page.locator("[data-testid=stance-grid] thead").textContent()).toContain("Northern Ireland DUP");
    await page.locator("input[data-path='stances.NID.backstop.position']").fill("10");
    await page.getByRole("button", { name: "Add issue" }).click();
    await page.getByTestId("add-issue-name").fill("Transition period");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect.poll(() => page.locator("[data-testid=stance-grid] tbody tr").count()).toBe(3);

    await page.click("[data-testid=tab-setup]");
    const actors = page.locator("[data-list=actors] .setup-list > li");
    await expect.poll(() => actors.count()).toBe(4);
    await page.getByLabel("Name of actor 2").fill("EU27");
    await page.getByLabel("Name of actor 2").press("Enter");
    await page.getByRole("button", { name: "Move EU27 up" }).click();
    await expect.poll(() => actors.first().getAttribute("data-id")).toBe("EU");
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Remove Ireland" }).click();
    await expect.poll(() => actors.count()).toBe(3);
    await page.getByRole("textbox", { name: "Title of a new source" }).fill("Withdrawal Agreement");
    await page.getByRole("button", { name: "Add source" }).click();
    await page.getByLabel("Name", { exact: true }).first().fill("Backstop kept");
    await page.getByLabel("Rule", { exact: true }).first().fill("backstop >= 50");
    await page.getByRole("button", { name: "Add criterion" }).click();
    await expect.poll(() => page.locator("[data-list=criteria] .setup-list > li").count()).toBe(1);
    await expect.poll(() => page.locator("[data-testid=save-version]").isEnabled()).toBe(true);
    await page.fill("[data-testid=save-message]", "built");
    await page.click("[data-testid=save-version]");
    await expect.poll(() => page.locator(".scenario-title .version").textContent(), { timeout: SAVE_MS }).toBe("v2");
    await page.click("[data-testid=tab-scenario]");
    const heads = await page.locator("[data-testid=stance-grid] thead .actor-name").allTextContents();
    expect(heads).toEqual(["EU27", "United Kingdom", "Northern Ireland DUP"]);
  });

  it("adds evidence to a number, checking the quote against the source's text", async () => {
    const { page } = wb;
    await page.click("[data-testid=tab-setup]");
    await page.getByLabel("Attach the text of Withdrawal Agreement").setInputFiles({ name: "agreement.txt", mimeType: "text/plain", buffer: Buffer.from("The backstop shall apply unless and until it is superseded.") });
    await expect.poll(() => page.locator(".source-texts").textContent()).toContain("text attached (agreement.txt)");
    await page.click("[data-testid=tab-scenario]");
    await page.getByRole("button", { name: "Show the evidence for Salience of Backstop to EU27" }).click();
    await page.getByTestId("add-evidence").click();
    await page.getByTestId("evidence-quote").fill("The backstop shall vanish");
    await expect.poll(() => page.getByTestId("quote-check").textContent()).toMatch(/Not found/);
    await page.getByTestId("evidence-quote").fill("The backstop shall apply unless and until");
    await expect.poll(() => page.getByTestId("quote-check").textContent()).toMatch(/Found in the source/);
    await page.getByTestId("evidence-target").selectOption({ label: "Salience" });
    await page.getByRole("button", { name: "Add quote" }).click();
    await expect.poll(() => page.locator("[data-testid=evidence] blockquote").first().textContent()).toBe("The backstop shall apply unless and until");
  });

  it("offers to widen a range that blocks an edit", async () => {
    const { page } = wb;
    await page.goto(`${wb.url}s/hanoi-2019`);
    const salience = page.locator("input[data-path='stances.USA.sanctions.salience']");
    await salience.fill("100");
    const widen = page.getByRole("button", { name: "Widen the range to include 100" });
    await widen.click();
    await expect.poll(() => salience.getAttribute("aria-invalid")).toBe("false");
    // The unsaved text is the draft the browser keeps.
    await expect.poll(() => page.evaluate("JSON.parse(localStorage.getItem('parley.draft.hanoi-2019') ?? '{}').text ?? ''")).toMatch(/range: \[60, 100\]/);
  });

  it("keeps unsaved edits as a draft across switching scenario and reloading", async () => {
    const { page } = wb;
    // The edit above is unsaved: leaving asks first, and the draft comes back.
    page.once("dialog", (d) => void d.dismiss());
    await page.locator("[data-testid=scenario-list] a", { hasText: "EC" }).first().click();
    expect(page.url()).toMatch(/hanoi-2019/);
    page.once("dialog", (d) => void d.accept());
    await page.locator("[data-testid=scenario-list] a", { hasText: "EC" }).first().click();
    await page.waitForURL(/ec-car/);
    await page.locator("[data-testid=scenario-list] a", { hasText: "Hanoi" }).first().click();
    await page.waitForURL(/hanoi-2019\/?$/);
    await expect.poll(() => page.getByTestId("draft-restored").isVisible()).toBe(true);
    await expect.poll(() => page.locator("input[data-path='stances.USA.sanctions.salience']").inputValue()).toBe("100");
    await page.reload();
    await expect.poll(() => page.locator("input[data-path='stances.USA.sanctions.salience']").inputValue()).toBe("100");
    expect(await page.locator("[data-testid=save-bar]").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Discard" }).click();
    await expect.poll(() => page.locator("input[data-path='stances.USA.sanctions.salience']").inputValue()).toBe("70");
    await page.reload();
    await page.locator("[data-testid=stance-grid]").waitFor();
    expect(await page.getByTestId("draft-restored").count()).toBe(0);
  });

  it("saves a text that names another id as a new scenario, leaving the old one alone", async () => {
    const { page } = wb;
    await page.click("[data-testid=tab-source]");
    const stored = (await (await page.request.get(`${wb.url}api/scenarios/hanoi-2019`)).json()) as { yaml: string };
    // Select all and delete through the editor's own commands, then type the new text in.
    await page.getByTestId("source-text").click();
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(stored.yaml.replace(/^id: hanoi-2019$/m, "id: hanoi-variant"));
    await expect.poll(() => page.getByTestId("renamed-note").textContent()).toContain("hanoi-variant");
    await page.getByRole("button", { name: "Save as new scenario hanoi-variant" }).click();
    await page.waitForURL(/\/s\/hanoi-variant$/);
    await expect.poll(() => page.locator("[data-testid=scenario-list]").textContent()).toContain("hanoi-variant · v1");
    expect(await page.locator("[data-testid=scenario-list]").textContent()).toContain("hanoi-2019 · v1");
    expect(wb.problems.filter((p) => !/beforeunload/i.test(p))).toEqual([]);
  });
});
