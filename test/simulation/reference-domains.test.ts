/**
 * The bundled GENIUS / NegoLog reference domains (../shared/reference/genius): where simulated agreements
 * fall relative to the Pareto frontier and the Nash point. Reported, not asserted — only the properties
 * are (every agreement acceptable to every party). Skipped, with the reason, without the shared folder.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadNegotiation } from "../../src/files/negotiation-files.js";
import { analyzeSpace } from "../../src/outcomes/analyze.js";
import { paretoFrontier } from "../../src/outcomes/pareto.js";
import { STRATEGIES } from "../../src/simulation/negotiators/names.js";
import { domainSetup } from "../../src/simulation/index.js";
import { simulate } from "../../src/simulation/simulate.js";

const root = path.resolve("../shared/reference/genius");
const DOMAINS: Record<string, string[]> = {
  "anac2010-EnglandZimbabwe": ["EnglandZimbabwe_domain.xml", "England.xml", "Zimbabwe.xml"],
  "anac2010-ItexvsCypress": ["ItexvsCypress_domain.xml", "ItexvsCypress_Itex.xml", "ItexvsCypress_Cypress.xml"],
  "genius-IntegerDomain": ["IntegerDomain.xml", "IntegerDomain-prof1.xml", "IntegerDomain-prof2.xml"],
  "negolog-domain0": ["profileA.json", "profileB.json"],
  "anac2016-SmartGrid": ["Smart_Grid.xml", "Smart_Grid_util1.xml", "Smart_Grid_util2.xml", "Smart_Grid_util3.xml"],
};

if (!existsSync(root)) console.warn("skipping the reference-domain simulations: ../shared/reference/genius is not beside the checkout");

describe.skipIf(!existsSync(root))("simulations on the GENIUS reference domains", () => {
  for (const [name, files] of Object.entries(DOMAINS)) {
    it(name, () => {
      const negotiation = loadNegotiation(files.map((f) => path.join(root, name, f)));
      const setup = domainSetup(negotiation);
      const frontier = paretoFrontier(negotiation.space, negotiation.utilities).points.map((p) => p.utilities);
      const nash = analyzeSpace(negotiation.space, negotiation.utilities).nash.utilities;
      const rows: string[] = [];
      for (const strategy of STRATEGIES) {
        const result = simulate(setup, { defaultStrategy: strategy, deadline: 200 });
        const u = negotiation.parties.map((p) => result.utilities[p]!);
        if (result.outcome === "agreement") {
          u.forEach((x, p) => expect(x).toBeGreaterThanOrEqual(negotiation.utilities[p]!.reservation - 1e-12));
          const toFrontier = Math.min(...frontier.map((f) => Math.hypot(...f.map((x, p) => x - u[p]!))));
          const toNash = nash ? Math.hypot(...nash.map((x, p) => x - u[p]!)) : Number.NaN;
          rows.push(`${strategy.padEnd(11)} agreement r${String(result.round).padStart(3)}  u=${u.map((x) => x.toFixed(3)).join("/")}  to frontier ${toFrontier.toFixed(3)}  to Nash ${toNash.toFixed(3)}`);
        } else rows.push(`${strategy.padEnd(11)} breakdown (${result.reason})`);
      }
      console.info(`${name} (Nash ${nash?.map((x) => x.toFixed(3)).join("/")}):\n  ${rows.join("\n  ")}`);
    });
  }
});
