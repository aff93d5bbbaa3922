/**
 * NegoLog JSON profiles (`aniltrue/NegoLog` domains/domainN/profileA.json, profileB.json):
 * `{"reservationValue": r, "issueWeights": {issue: w}, "issues": {issue: {value: u}}}`.
 * There is no domain file: the space is implied by the profiles (issues and values in order of first
 * appearance). Utility = Σ w_i · u_i(v_i), no cap; every profile must rate every value.
 */
import { ImportError } from "../errors.js";
import { additiveUtility } from "../../outcomes/utility.js";
import { expectNumber, expectObject, parseJson, type JsonObject } from "./json.js";
import { partyName, spaceOrImportError, type ImportedNegotiation, type SourceText } from "./types.js";

interface NegoLogProfile {
  readonly file: string;
  readonly reservation: number;
  readonly weights: JsonObject;
  readonly issues: JsonObject;
}

function parseProfile(source: SourceText): NegoLogProfile {
  const root = expectObject(parseJson(source.text, source.file), source.file, "profile");
  const reservation = root["reservationValue"] === undefined ? 0 : expectNumber(root["reservationValue"], source.file, "reservationValue");
  return { file: source.file, reservation, weights: expectObject(root["issueWeights"], source.file, "issueWeights"), issues: expectObject(root["issues"], source.file, "issues") };
}

/** Imports NegoLog profiles; the outcome space is implied by them. */
export function importNegoLog(profileSources: readonly SourceText[]): ImportedNegotiation {
  if (profileSources.length === 0) throw new ImportError("at least one profile is needed", "(none)");
  const profiles = profileSources.map(parseProfile);
  const valuesByIssue = new Map<string, string[]>();
  for (const profile of profiles) {
    for (const [issue, table] of Object.entries(profile.issues)) {
      const known = valuesByIssue.get(issue) ?? [];
      for (const value of Object.keys(expectObject(table, profile.file, `issues.${issue}`))) if (!known.includes(value)) known.push(value);
      valuesByIssue.set(issue, known);
    }
  }
  const space = spaceOrImportError([...valuesByIssue].map(([name, values]) => ({ name, values })), profileSources[0]!.file, "issues");
  const utilities = profiles.map((profile) =>
    additiveUtility(space, {
      weights: space.issues.map((issue) => expectNumber(profile.weights[issue.name], profile.file, `issueWeights.${issue.name}`)),
      values: space.issues.map((issue) => {
        const table = expectObject(profile.issues[issue.name], profile.file, `issues.${issue.name}`);
        return issue.values.map((value) => expectNumber(table[String(value)], profile.file, `issues.${issue.name}.${String(value)}`));
      }),
      reservation: profile.reservation,
    }),
  );
  return { space, parties: profileSources.map(partyName), utilities, discounts: profiles.map(() => 1) };
}
