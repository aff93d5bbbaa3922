/** With no status quo (an issue without a reference point) every output says that walk-away values are 0. */
import { describe, expect, it } from "vitest";
import { withoutStatusQuo } from "../../src/agreement/index.js";
import { main } from "../../src/cli/main.js";
import { noStatusQuoNote } from "../../src/deals/reasons.js";
import { loadScenario } from "../../src/files/load.js";

const EC = "scenarios/ec-car-emissions.yaml";

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(argv, { out: (s: string) => out.push(s), err: () => undefined, isTty: false } as never);
  return { code, out: out.join("\n") };
}

describe("no status quo", () => {
  it("names the issues without a reference point and the actors whose walk-away value is therefore 0", () => {
    const ec = loadScenario(EC);
    expect(withoutStatusQuo(ec)).toEqual({ issues: ["introduction"], actors: ec.actors.map((a) => a.id) });
    expect(withoutStatusQuo(loadScenario("scenarios/hanoi-2019.yaml"))).toBeUndefined();
    expect(noStatusQuoNote(ec, "en")?.note).toMatch(/^No status quo: .* has no reference point, so the walk-away value of Netherlands, .* is 0 .*any agreement beats none/);
    expect(noStatusQuoNote(ec, "zh")?.note).toMatch(/^没有现状：.*没有参照点.*底线为 0.*任何协议都胜过没有协议/);
  });

  it("is said by deal and agreement, in text and JSON, in English and Chinese", async () => {
    expect((await run("deal", EC, "--set", "introduction=5")).out).toMatch(/No status quo: /);
    expect((await run("deal", EC, "--set", "introduction=5", "--lang", "zh")).out).toMatch(/没有现状：/);
    const deal = JSON.parse((await run("deal", EC, "--set", "introduction=5", "--json")).out) as { noStatusQuo: { issues: string[] }; actors: { reservationSource: string }[] };
    expect(deal.noStatusQuo.issues).toEqual(["introduction"]);
    expect(deal.actors.every((a) => a.reservationSource === "none")).toBe(true);
    expect((await run("agreement", EC)).out).toMatch(/No status quo: /);
    expect(JSON.parse((await run("agreement", EC, "--json")).out)).toMatchObject({ noStatusQuo: { issues: ["introduction"] } });
    // A scenario with a status quo says nothing of it.
    expect((await run("agreement", "scenarios/coalition-budget.yaml")).out).not.toMatch(/No status quo/);
  });
});
