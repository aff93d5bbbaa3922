/**
 * The words of rule reasons (src/rules/explain.ts) in English and Chinese. Each entry takes
 * fragments already in words (names, values), so grammar lives here and nowhere else.
 */
import type { CompareOperator } from "../rules/lexer.js";
import { listWords } from "./list.js";

export interface ReasonWords {
  /** "A is 5": a term and its value. */
  readonly is: (subject: string, value: string) => string;
  /** The comparison that was asked for, as it turned out: met or not. */
  readonly relation: (operator: CompareOperator, met: boolean, expected: string) => string;
  /** "A is 5, at least 3". */
  readonly compared: (subjectIsValue: string, relation: string) => string;
  /** x in [..]: whether the value is one of the listed ones. */
  readonly member: (subjectIsValue: string, found: boolean, items: string) => string;
  readonly list: (items: readonly string[]) => string;
  /** Joins the reasons of and/or parts. */
  readonly parts: (parts: readonly string[]) => string;
  readonly deal: (issue: string) => string;
  readonly reference: (issue: string) => string;
  readonly moved: (issue: string) => string;
  readonly movedDetail: (from: string, to: string) => string;
  readonly position: (actor: string, issue: string) => string;
  readonly salience: (actor: string, issue: string) => string;
  readonly noStance: (actor: string, issue: string) => string;
  readonly capability: (actor: string, issue?: string) => string;
  readonly noCapability: (actor: string) => string;
  readonly utility: (actor: string) => string;
  readonly reservation: (actor: string) => string;
  /** No status quo (issues without a reference point): these actors' walk-away value is 0. */
  readonly noStatusQuo: (issues: readonly string[], actors: readonly string[]) => string;
  readonly gain: (actor: string) => string;
  readonly gainDetail: (utility: string, reservation: string) => string;
  readonly count: (domains: string) => string;
  readonly direction: (direction: "toward" | "against", met: boolean, issue: string, actor: string, reference: string, deal: string, position: string) => string;
  /** toward/against without the values to judge it. */
  readonly undecided: (direction: "toward" | "against", issue: string, actor: string, cause: string) => string;
  readonly accepts: (actor: string, met: boolean, why: string) => string;
  readonly statusQuo: string;
  readonly crosses: (redLine: string, why: string) => string;
  readonly walkAway: (utility: string, above: boolean, reservation: string, redLines: boolean) => string;
  /** A quantifier case: actor on issue, or the ids joined. */
  readonly onIssue: (actor: string, issue: string) => string;
  readonly anyCase: (which: string, why: string) => string;
  readonly allFail: (which: string, why: string) => string;
  readonly noCase: (total: number, domains: string) => string;
  readonly allCases: (total: number, domains: string) => string;
  readonly everyActor: string;
  readonly everyIssue: string;
  /** Domains of several variables. */
  readonly domains: (domains: readonly string[]) => string;
  readonly unknown: (term: string, cause: string) => string;
  readonly noDealValue: (issue: string) => string;
  readonly noReference: (issue: string) => string;
  readonly noPosition: (actor: string, issue: string) => string;
  readonly noPlace: (option: string, issue: string) => string;
  readonly notANumber: string;
  readonly divisionByZero: string;
  readonly invalid: string;
  readonly budget: (steps: number) => string;
  /** The actors whose signatures an agreement has. */
  readonly signed: (actors: string) => string;
  /** The accepting actors' share of capability against the decision rule's threshold. */
  readonly share: (share: string, reached: boolean, threshold: string) => string;
  /** A value with what it means, or with more detail. */
  readonly detail: (value: string, detail: string) => string;
  /** Sentence start: capitalised in English. */
  readonly sentence: (text: string) => string;
}

const enRelations: Record<CompareOperator, readonly [met: string, unmet: string]> = {
  ">=": ["at least", "below"],
  ">": ["above", "not above"],
  "<=": ["at most", "above"],
  "<": ["below", "not below"],
  "==": ["equal to", "not"],
  "!=": ["not", "equal to"],
};

const zhRelations: Record<CompareOperator, readonly [met: string, unmet: string]> = {
  ">=": ["不低于", "低于"],
  ">": ["高于", "不高于"],
  "<=": ["不高于", "高于"],
  "<": ["低于", "不低于"],
  "==": ["等于", "不是"],
  "!=": ["不是", "等于"],
};

const enList = listWords.en;
const zhList = listWords.zh;

export const reasonWords: Readonly<Record<"en" | "zh", ReasonWords>> = {
  en: {
    is: (subject, value) => `${subject} is ${value}`,
    relation: (operator, met, expected) => `${enRelations[operator][met ? 0 : 1]} ${expected}`,
    compared: (subject, relation) => `${subject}, ${relation}`,
    member: (subject, found, items) => `${subject}, ${found ? "one of" : "none of"} ${items}`,
    list: enList,
    parts: (parts) => parts.join("; "),
    deal: (issue) => issue,
    reference: (issue) => `the status quo on ${issue}`,
    moved: (issue) => `the move on ${issue}`,
    movedDetail: (from, to) => `from ${from} to ${to}`,
    position: (actor, issue) => `${actor}'s position on ${issue}`,
    salience: (actor, issue) => `the salience of ${issue} to ${actor}`,
    noStance: (actor, issue) => `${actor} takes no stance on ${issue}`,
    capability: (actor, issue) => (issue === undefined ? `${actor}'s capability` : `${actor}'s capability on ${issue}`),
    noCapability: (actor) => `no capability given for ${actor}`,
    utility: (actor) => `${actor}'s utility`,
    reservation: (actor) => `${actor}'s walk-away value`,
    noStatusQuo: (issues, actors) =>
      `No status quo: ${enList(issues)} ${issues.length === 1 ? "has" : "have"} no reference point, so the walk-away value of ${enList(actors)} is 0 (utility of no agreement): any agreement beats none. Give each issue a reference, or an actor a reservation, to change that.`,
    gain: (actor) => `${actor}'s gain`,
    gainDetail: (utility, reservation) => `utility ${utility} − walk-away ${reservation}`,
    count: (domains) => `the number of qualifying cases among ${domains}`,
    direction: (direction, met, issue, actor, reference, deal, position) =>
      `the deal ${met ? "moves" : "does not move"} ${issue} ${direction === "toward" ? "toward" : "away from"} ${actor} (status quo ${reference} → ${deal}; ${actor} at ${position})`,
    undecided: (direction, issue, actor, cause) =>
      `whether the deal moves ${issue} ${direction === "toward" ? "toward" : "away from"} ${actor} cannot be judged (${cause}), so the condition is false`,
    accepts: (actor, met, why) => `${actor} ${met ? "accepts" : "does not accept"} (${why})`,
    statusQuo: "the status quo is no agreement",
    crosses: (redLine, why) => `crosses the red line “${redLine}”: ${why}`,
    walkAway: (utility, above, reservation, redLines) => `utility ${utility} ${above ? "≥" : "<"} walk-away ${reservation}${above && redLines ? ", no red line crossed" : ""}`,
    onIssue: (actor, issue) => `${actor} on ${issue}`,
    anyCase: (which, why) => `${which}: ${why}`,
    allFail: (which, why) => `fails for ${which}: ${why}`,
    noCase: (total, domains) => `no case qualifies among the ${total} of ${domains}`,
    allCases: (total, domains) => `holds in all ${total} cases of ${domains}`,
    everyActor: "every actor",
    everyIssue: "every issue",
    domains: (domains) => domains.join(" × "),
    unknown: (term, cause) => `${term} is unknown (${cause}), so the condition is false`,
    noDealValue: (issue) => `the deal sets no usable value on ${issue}`,
    noReference: (issue) => `${issue} has no status quo`,
    noPosition: (actor, issue) => `${actor} takes no position on ${issue}`,
    noPlace: (option, issue) => `option “${option}” of ${issue} has no place on the scale`,
    notANumber: "not a number",
    divisionByZero: "division by zero",
    invalid: "invalid expression",
    budget: (steps) => `evaluation stopped after ${steps} steps; simplify the rule`,
    signed: (actors) => `${actors} accept`,
    share: (share, reached, threshold) => `accepting actors hold ${share} of capability ${reached ? "≥" : "<"} ${threshold}`,
    detail: (value, detail) => `${value} (${detail})`,
    sentence: (text) => text.charAt(0).toUpperCase() + text.slice(1),
  },
  zh: {
    is: (subject, value) => `${subject}为 ${value}`,
    relation: (operator, met, expected) => `${zhRelations[operator][met ? 0 : 1]} ${expected}`,
    compared: (subject, relation) => `${subject}，${relation}`,
    member: (subject, found, items) => `${subject}，${found ? "属于" : "不属于"} ${items}`,
    list: zhList,
    parts: (parts) => parts.join("；"),
    deal: (issue) => issue,
    reference: (issue) => `${issue}的现状`,
    moved: (issue) => `${issue}的变动`,
    movedDetail: (from, to) => `从 ${from} 到 ${to}`,
    position: (actor, issue) => `${actor}在${issue}上的立场`,
    salience: (actor, issue) => `${issue}对${actor}的重要性`,
    noStance: (actor, issue) => `${actor}在${issue}上没有立场`,
    capability: (actor, issue) => (issue === undefined ? `${actor}的能力` : `${actor}在${issue}上的能力`),
    noCapability: (actor) => `未给出${actor}的能力`,
    utility: (actor) => `${actor}的效用`,
    reservation: (actor) => `${actor}的底线`,
    noStatusQuo: (issues, actors) => `没有现状：${zhList(issues)}没有参照点，因此${zhList(actors)}的底线为 0(无协议的效用)：任何协议都胜过没有协议。为议题给出参照点或为行为体给出底线即可改变这一点。`,
    gain: (actor) => `${actor}的收益`,
    gainDetail: (utility, reservation) => `效用 ${utility} − 底线 ${reservation}`,
    count: (domains) => `${domains}中符合条件的情形数`,
    direction: (direction, met, issue, actor, reference, deal, position) =>
      `协议${met ? "" : "没有"}使${issue}${direction === "toward" ? "趋近" : "背离"}${actor}（现状 ${reference} → ${deal}；${actor}立场 ${position}）`,
    undecided: (direction, issue, actor, cause) => `无法判断协议是否使${issue}${direction === "toward" ? "趋近" : "背离"}${actor}（${cause}），因此条件不成立`,
    accepts: (actor, met, why) => `${actor}${met ? "接受" : "不接受"}（${why}）`,
    statusQuo: "维持现状即没有协议",
    crosses: (redLine, why) => `越过红线“${redLine}”：${why}`,
    walkAway: (utility, above, reservation, redLines) => `效用 ${utility} ${above ? "≥" : "<"} 底线 ${reservation}${above && redLines ? "，未越过红线" : ""}`,
    onIssue: (actor, issue) => `${actor}在${issue}上`,
    anyCase: (which, why) => `${which}：${why}`,
    allFail: (which, why) => `${which}不满足：${why}`,
    noCase: (total, domains) => `${domains}的 ${total} 种情形中没有一种符合`,
    allCases: (total, domains) => `${domains}的全部 ${total} 种情形都成立`,
    everyActor: "所有行为体",
    everyIssue: "所有议题",
    domains: (domains) => domains.join(" × "),
    unknown: (term, cause) => `${term}未知（${cause}），因此条件不成立`,
    noDealValue: (issue) => `协议在${issue}上没有可用的值`,
    noReference: (issue) => `${issue}没有现状`,
    noPosition: (actor, issue) => `${actor}在${issue}上没有立场`,
    noPlace: (option, issue) => `${issue}的选项“${option}”在刻度上没有位置`,
    notANumber: "不是数字",
    divisionByZero: "除以零",
    invalid: "无效的表达式",
    budget: (steps) => `计算在 ${steps} 步后停止；请简化规则`,
    signed: (actors) => `${actors}接受`,
    share: (share, reached, threshold) => `接受方掌握 ${share} 的能力 ${reached ? "≥" : "<"} ${threshold}`,
    detail: (value, detail) => `${value}（${detail}）`,
    sentence: (text) => text,
  },
};
