/**
 * Why deals or the agreement forecast could not be computed (`DealProblem`), in words of either
 * language with the scenario's names rather than ids: the briefing, the CLI and the workbench all
 * render it from its structure, never from the English message of the error. Pure.
 */
import type { DealProblem } from "../deals/preferences.js";
import { text, type Language } from "../scenario/label.js";
import type { Scenario } from "../scenario/types.js";
import { messages } from "./report.js";

export function dealProblemText(scenario: Pick<Scenario, "actors" | "issues">, problem: DealProblem, language: Language): string {
  const t = messages(language).lead;
  const actor = (id: string) => text(scenario.actors.find((a) => a.id === id)?.name, language) || id;
  const issues = (ids: readonly string[]) => messages(language).list(ids.map((id) => text(scenario.issues.find((i) => i.id === id)?.name, language) || id));
  switch (problem.kind) {
    case "no-reference":
      return t.noReference(issues(problem.issues), problem.issues.length);
    case "unset-without-reference":
      return t.unsetWithoutReference(issues(problem.issues), problem.issues.length);
    case "unknown-outside-option":
      return t.unknownOutsideOption(actor(problem.actor), problem.deal);
    case "invalid-rule": {
      const line = problem.rule === "redLine" ? text(scenario.actors.find((a) => a.id === problem.actor)?.redLines.find((l) => l.id === problem.id)?.name, language) || problem.id : problem.id;
      return t.invalidRule(actor(problem.actor), problem.rule, line);
    }
    case "linkage-reads-utility":
      return t.linkageReadsUtility(actor(problem.actor), problem.id);
  }
}

/** A skipped computation's reason: from its structure where it has one, else its message as it is. */
export function skippedText(scenario: Pick<Scenario, "actors" | "issues">, skipped: { readonly message: string; readonly problem?: DealProblem | undefined }, language: Language): string {
  return skipped.problem ? dealProblemText(scenario, skipped.problem, language) : skipped.message;
}

// --- the server's problem details (RFC 9457 answers of src/server/) ----------------------------

/** One message in each language: what a problem's detail (or one of its entries) says. */
export type Words = Readonly<Record<Language, string>>;

/** The kinds of problem the API reports (their `type` is `urn:parley:problem:<kind>`, never translated). */
export type ServerProblemKind =
  | "invalid-request" | "unauthorized" | "forbidden" | "not-found" | "method-not-allowed" | "gone" | "precondition-failed"
  | "payload-too-large" | "unsupported-media-type" | "misdirected-request" | "invalid-scenario" | "invalid-input" | "over-budget"
  | "precondition-required" | "client-closed" | "internal" | "not-implemented" | "server-busy";

/** Each kind's `title`. */
export const PROBLEM_TITLES: Readonly<Record<Language, Readonly<Record<ServerProblemKind, string>>>> = {
  en: {
    "invalid-request": "The request is malformed",
    unauthorized: "An access token is required",
    forbidden: "Forbidden",
    "not-found": "Not found",
    "method-not-allowed": "Method not allowed",
    gone: "The scenario is deleted",
    "precondition-failed": "The resource has changed",
    "payload-too-large": "The request body is too large",
    "unsupported-media-type": "Unsupported media type",
    "misdirected-request": "Unexpected Host header",
    "invalid-scenario": "The scenario is invalid",
    "invalid-input": "The input cannot be used",
    "over-budget": "The request asks for more computation than the server allows",
    "precondition-required": "If-Match is required",
    "client-closed": "The client closed the request",
    internal: "Internal server error",
    "not-implemented": "Not implemented",
    "server-busy": "The server is busy",
  },
  zh: {
    "invalid-request": "请求格式有误",
    unauthorized: "需要访问令牌",
    forbidden: "禁止访问",
    "not-found": "未找到",
    "method-not-allowed": "不允许使用该方法",
    gone: "该情景已删除",
    "precondition-failed": "资源已被更改",
    "payload-too-large": "请求正文过大",
    "unsupported-media-type": "不支持的媒体类型",
    "misdirected-request": "意外的 Host 请求头",
    "invalid-scenario": "情景无效",
    "invalid-input": "输入无法使用",
    "over-budget": "请求的计算量超过服务器允许的上限",
    "precondition-required": "需要 If-Match 请求头",
    "client-closed": "客户端已关闭请求",
    internal: "服务器内部错误",
    "not-implemented": "尚未实现",
    "server-busy": "服务器繁忙",
  },
};

/** The kinds of request body the server reads, by their media types. */
export type BodyKind = "json" | "yaml" | "multipart";
const MEDIA_TYPES: Readonly<Record<BodyKind, string>> = { json: "application/json", yaml: "application/yaml", multipart: "multipart/form-data" };

const UPLOAD_KINDS = { en: "a Parley scenario (YAML/JSON), KTAB CSV/XML, EUM CSV or GENIUS-family files", zh: "Parley 情景（YAML/JSON）、KTAB CSV/XML、EUM CSV 或 GENIUS 系列文件" };

/** The server's details. Arguments are ids, paths, numbers and library messages, put in as they are. */
const serverDetails = {
  en: {
    noRoute: (method: string, path: string) => `no route ${method} ${path}; see /api/openapi.json`,
    cannotProcess: () => "the request cannot be processed",
    nestedTooDeep: () => "the input is nested too deeply to be read; flatten it",
    tooLargeToCompute: () => "the request is too large to compute; ask for less",
    internal: () => "something went wrong on the server; the details are in its log",
    bodyTooLarge: (mib: number) => `the body is larger than ${mib} MiB`,
    unknownModel: (id: string, expected: string) => `unknown model "${id}"; expected one of: ${expected}`,
    badCalibration: (problems: string) => `the calibration is not one parley backtest --save-calibration writes: ${problems}`,
    noDeals: () => "the scenario defines no deals; name issue values in `values`",
    dealOrAgreement: () => "give either `deal` or `agreement`, not both",
    mediaType: (type: string, accepted: readonly BodyKind[]) =>
      `${type === "" ? "no Content-Type" : `Content-Type ${type}`} is not accepted here; expected ${accepted.map((k) => ({ ...MEDIA_TYPES, yaml: "application/yaml (or text/plain)" })[k]).join(", ")}`,
    emptyBody: () => "the body is empty; expected JSON",
    notJson: () => "the body is not valid JSON",
    bodyShape: (problems: string) => `the request body is not what this endpoint expects: ${problems}`,
    scenarioProblems: (count: number, first: string, more: boolean) => `${count} problem${count === 1 ? "" : "s"} in the scenario: ${first}${more ? " …" : ""}`,
    noFile: () => "no file uploaded; send the file in a form field named `file`",
    notText: (name: string) => `${name} is not a text file (it is binary, or not UTF-8); expected ${UPLOAD_KINDS.en}`,
    oneUpload: () => "upload one scenario, KTAB or EUM file, or a GENIUS domain with its profiles",
    cannotRead: (names: string, message: string) => `${names} cannot be read: ${message}`,
    unknownXml: (name: string) => `${name} is XML but neither a KTAB SMP input nor a GENIUS domain or profile; expected ${UPLOAD_KINDS.en}`,
    ifMatchRequired: () => 'send If-Match with the ETag of the version you edited (e.g. If-Match: "3"), so that a change made meanwhile is not overwritten',
    ifMatchForm: (value: string) => `If-Match must be one version's ETag, such as "3" (with the quotes), or *; got ${value}`,
    wholeNumber: (name: string, value: string | undefined) => `${name} must be a whole number ≥ 1${value === undefined ? "" : `, got "${value}"`}`,
    expectedWholeNumber: () => "expected a whole number ≥ 1",
    noScenario: (id: string) => `no scenario "${id}"`,
    noVersion: (id: string, version: number, current: number) => `scenario "${id}" has no version ${version}; its versions are 1 to ${current}`,
    deleted: (id: string, at: string) => `scenario "${id}" was deleted at ${at}; restore a version to bring it back`,
    stale: (id: string, current: number, expected: number) => `scenario "${id}" is at version ${current}, not ${expected}; reload it and apply your change again`,
    otherId: (given: string, id: string) => `the text gives the id "${given}" but this is scenario "${id}"; keep the id "${id}", or create the new scenario with POST /api/scenarios`,
    noRun: (id: string) => `no run ${id}`,
    scenarioOrId: () => "name a stored scenario with `scenarioId` (and optionally `version`), or send one in `scenario` — one of the two",
    versionWithId: () => "`version` goes with `scenarioId`, not with `scenario`",
    runKind: (kind: string) => `kind must be forecast, deal, analyze or simulate; got "${kind}"`,
    tournamentNotSaved: () => "a tournament is not saved: save one run or a Monte Carlo (`runs`) without `tournament`",
    unreadableForm: () => "the multipart/form-data body cannot be read",
    scenarioOrYaml: () => "give the scenario in `scenario` (data or YAML text) or in `yaml`, not both",
    eitherOf: (name: string, a: string, b: string, value: string) => `${name} must be "${a}" or "${b}", got "${value}"`,
    misdirected: (host: string) => `this server answers only to localhost, 127.0.0.1 or [::1], not "${host}"; start it with a token to serve other names`,
    foreignOrigin: (origin: string) => `requests from ${origin} may not change data on this server`,
    tokenRequired: () => "send the access token as `Authorization: Bearer <token>`; `parley serve` printed it (or set it with PARLEY_TOKEN)",
    overBudget: (requested: string, what: string, max: string, askForLess: string) => `the request needs ${requested} ${what}, more than the ${max} the server computes; ${askForLess}`,
    outgrew: (askForLess: string) => `the computation outgrew what the server can hold; ask for less: ${askForLess}`,
    busy: (threads: number, queue: number, retryAfter: number, askForLess: string) =>
      `the server is running ${threads} computation${threads === 1 ? "" : "s"} and ${queue} more ${queue === 1 ? "is" : "are"} waiting, its limit; try again in ${retryAfter} s; or ask for less: ${askForLess}`,
    shuttingDown: (askForLess: string) => `the server is shutting down; or ask for less: ${askForLess}`,
    timeLimit: (seconds: string, askForLess: string) => `the computation was stopped after ${seconds} s, the longest the server runs one; ask for less: ${askForLess}`,
    memoryLimit: (mib: number, askForLess: string) => `the computation needed more than the ${mib} MiB of memory the server gives one; ask for less: ${askForLess}`,
    cancelled: () => "the computation was cancelled: the client went away",
    // What is counted, and what to ask for instead, in over-budget details.
    countOutcomes: () => "outcomes",
    countIssueValues: (issue: string) => `values of issue ${issue}`,
    countRounds: () => "rounds",
    countRuns: () => "Monte Carlo samples",
    countGames: () => "simulated games",
    countOutcomeRuns: () => "outcome-runs",
    countSearchNodes: () => "search nodes",
    countBytes: () => "bytes",
    lessRounds: () => "ask for fewer `rounds`",
    lessRuns: () => "ask for fewer `runs`",
    lessRunsOrNone: () => "ask for fewer `runs`, or none",
    lessForecast: () => "ask for fewer `models`, fewer `rounds` or fewer `runs`, or send a smaller scenario",
    coarser: () => "use a larger `step` (or none: the issues' anchors)",
    lessRunsOrCoarser: () => "ask for fewer `runs`, or use a larger `step` (or none: the issues' anchors)",
    lessOutcomes: () => "use a larger `step`, fewer `parties`, or a scenario with fewer issues",
    lessDeadline: () => "ask for a shorter `deadline`",
    lessGames: () => "use fewer `tournament` strategies, fewer `players` or fewer `runs`",
    lessWork: () => "ask for fewer runs or a coarser grid",
    lessSimulation: () => "ask for fewer `runs`, a shorter `deadline` or a coarser `step`",
    lessText: () => "send a smaller scenario",
  },
  zh: {
    noRoute: (method: string, path: string) => `没有 ${method} ${path} 这一路由；参见 /api/openapi.json`,
    cannotProcess: () => "无法处理该请求",
    nestedTooDeep: () => "输入嵌套过深，无法读取；请减少嵌套层级",
    tooLargeToCompute: () => "请求过大，无法计算；请减少请求量",
    internal: () => "服务器出错；详情见服务器日志",
    bodyTooLarge: (mib: number) => `请求正文超过 ${mib} MiB`,
    unknownModel: (id: string, expected: string) => `未知模型“${id}”；应为以下之一：${expected}`,
    badCalibration: (problems: string) => `该校准不是 parley backtest --save-calibration 写出的格式：${problems}`,
    noDeals: () => "情景中没有命名协议；请在 `values` 中给出各议题的取值",
    dealOrAgreement: () => "`deal` 与 `agreement` 只能给出其一",
    mediaType: (type: string, accepted: readonly BodyKind[]) =>
      `此处不接受${type === "" ? "缺少 Content-Type 的请求" : ` Content-Type ${type}`}；应为 ${accepted.map((k) => ({ ...MEDIA_TYPES, yaml: "application/yaml（或 text/plain）" })[k]).join("、")}`,
    emptyBody: () => "请求正文为空；应为 JSON",
    notJson: () => "请求正文不是有效的 JSON",
    bodyShape: (problems: string) => `请求正文不符合此接口的要求：${problems}`,
    scenarioProblems: (count: number, first: string, more: boolean) => `情景中有 ${count} 个问题：${first}${more ? " …" : ""}`,
    noFile: () => "没有上传文件；请在名为 `file` 的表单字段中发送文件",
    notText: (name: string) => `${name} 不是文本文件（它是二进制文件，或不是 UTF-8 编码）；应为${UPLOAD_KINDS.zh}`,
    oneUpload: () => "请上传一个情景、KTAB 或 EUM 文件，或一个 GENIUS 领域及其偏好文件",
    cannotRead: (names: string, message: string) => `无法读取 ${names}：${message}`,
    unknownXml: (name: string) => `${name} 是 XML，但既不是 KTAB SMP 输入，也不是 GENIUS 领域或偏好文件；应为${UPLOAD_KINDS.zh}`,
    ifMatchRequired: () => '请发送 If-Match，其值为所编辑版本的 ETag（例如 If-Match: "3"），以免覆盖他人在此期间的修改',
    ifMatchForm: (value: string) => `If-Match 必须是某一版本的 ETag，例如 "3"（含引号），或 *；收到的是 ${value}`,
    wholeNumber: (name: string, value: string | undefined) => `${name} 必须是 ≥ 1 的整数${value === undefined ? "" : `，收到的是“${value}”`}`,
    expectedWholeNumber: () => "应为 ≥ 1 的整数",
    noScenario: (id: string) => `没有情景“${id}”`,
    noVersion: (id: string, version: number, current: number) => `情景“${id}”没有版本 ${version}；其版本为 1 至 ${current}`,
    deleted: (id: string, at: string) => `情景“${id}”已于 ${at} 删除；恢复某一版本即可找回`,
    stale: (id: string, current: number, expected: number) => `情景“${id}”当前为版本 ${current}，而不是 ${expected}；请重新加载后再做修改`,
    otherId: (given: string, id: string) => `文本给出的 id 是“${given}”，但这是情景“${id}”；请保留 id“${id}”，或用 POST /api/scenarios 创建新情景`,
    noRun: (id: string) => `没有运行记录 ${id}`,
    scenarioOrId: () => "请用 `scenarioId`（可加 `version`）指定已存储的情景，或在 `scenario` 中发送情景，二者选一",
    versionWithId: () => "`version` 应与 `scenarioId` 一起使用，而不是与 `scenario`",
    runKind: (kind: string) => `kind 必须是 forecast、deal、analyze 或 simulate；收到的是“${kind}”`,
    tournamentNotSaved: () => "锦标赛不保存：请保存单次运行或不带 `tournament` 的蒙特卡洛（`runs`）",
    unreadableForm: () => "无法读取 multipart/form-data 请求正文",
    scenarioOrYaml: () => "请在 `scenario`（数据或 YAML 文本）或 `yaml` 中给出情景，二者选一",
    eitherOf: (name: string, a: string, b: string, value: string) => `${name} 必须是 "${a}" 或 "${b}"，收到的是“${value}”`,
    misdirected: (host: string) => `此服务器只响应 localhost、127.0.0.1 或 [::1]，而不是“${host}”；如需以其他名称提供服务，请带令牌启动`,
    foreignOrigin: (origin: string) => `来自 ${origin} 的请求不得更改此服务器上的数据`,
    tokenRequired: () => "请以 `Authorization: Bearer <token>` 发送访问令牌；令牌由 `parley serve` 打印（或用 PARLEY_TOKEN 设置）",
    overBudget: (requested: string, what: string, max: string, askForLess: string) => `该请求需要 ${requested} 个${what}，超过服务器计算的上限 ${max}；${askForLess}`,
    outgrew: (askForLess: string) => `计算所需超出服务器能容纳的范围；请减少请求量：${askForLess}`,
    busy: (threads: number, queue: number, retryAfter: number, askForLess: string) =>
      `服务器正在运行 ${threads} 项计算，另有 ${queue} 项在等待，已达上限；请在 ${retryAfter} 秒后重试，或减少请求量：${askForLess}`,
    shuttingDown: (askForLess: string) => `服务器正在关闭；或减少请求量：${askForLess}`,
    timeLimit: (seconds: string, askForLess: string) => `计算在 ${seconds} 秒后被停止，这是服务器单项计算的最长时间；请减少请求量：${askForLess}`,
    memoryLimit: (mib: number, askForLess: string) => `计算所需内存超过服务器给单项计算的 ${mib} MiB；请减少请求量：${askForLess}`,
    cancelled: () => "计算已取消：客户端已断开",
    countOutcomes: () => "结果",
    countIssueValues: (issue: string) => `议题 ${issue} 的取值`,
    countRounds: () => "轮次",
    countRuns: () => "蒙特卡洛样本",
    countGames: () => "模拟谈判",
    countOutcomeRuns: () => "结果×运行",
    countSearchNodes: () => "搜索节点",
    countBytes: () => "字节",
    lessRounds: () => "请减少 `rounds`",
    lessRuns: () => "请减少 `runs`",
    lessRunsOrNone: () => "请减少 `runs`，或不用",
    lessForecast: () => "请减少 `models`、`rounds` 或 `runs`，或发送更小的情景",
    coarser: () => "请用更大的 `step`（或不给：用议题的锚点）",
    lessRunsOrCoarser: () => "请减少 `runs`，或用更大的 `step`（或不给：用议题的锚点）",
    lessOutcomes: () => "请用更大的 `step`、更少的 `parties`，或议题更少的情景",
    lessDeadline: () => "请缩短 `deadline`",
    lessGames: () => "请减少 `tournament` 策略、`players` 或 `runs`",
    lessWork: () => "请减少运行次数或用更粗的网格",
    lessSimulation: () => "请减少 `runs`、缩短 `deadline` 或用更粗的 `step`",
    lessText: () => "请发送更小的情景",
  },
} satisfies Record<Language, Record<string, (...args: never[]) => string>>;

type ServerDetails = (typeof serverDetails)["en"];

/** A server detail in both languages: the response picks one by the request's Accept-Language. */
export function serverSays<K extends keyof ServerDetails>(key: K, ...args: Parameters<ServerDetails[K]>): Words {
  const say = (language: Language) => (serverDetails[language][key] as (...a: Parameters<ServerDetails[K]>) => string)(...args);
  return { en: say("en"), zh: say("zh") };
}

/** Text that reads the same in either language (a library's message, an id). */
export const sameWords = (text: string): Words => ({ en: text, zh: text });

/** Several problems in one detail, language by language ("a; b", "a；b"). */
export function joinWords(parts: readonly Words[]): Words {
  return { en: parts.map((p) => p.en).join("; "), zh: parts.map((p) => p.zh).join("；") };
}

/**
 * The language an `Accept-Language` header prefers among Parley's (RFC 9110 §12.5.4): Chinese when a
 * `zh` range weighs more than any English one (or comes first at the same weight), else English.
 */
export function preferredLanguage(header: string | undefined): Language {
  if (!header) return "en";
  let best: { language: Language; q: number } | undefined;
  for (const part of header.split(",")) {
    const [range = "", ...params] = part.trim().toLowerCase().split(";");
    const tag = range.trim();
    const language: Language | undefined = tag === "zh" || tag.startsWith("zh-") ? "zh" : tag === "en" || tag.startsWith("en-") || tag === "*" ? "en" : undefined;
    if (language === undefined) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    if (best === undefined || q > best.q) best = { language, q };
  }
  return best?.language ?? "en";
}

// --- located problems in user input (`parley validate`, and every command that reads a scenario) ---------

/**
 * The validator's messages (src/scenario/checks.ts, zod-diagnostics.ts, files/read.ts) are English
 * sentences of a few fixed shapes, clauses joined by "; ". Each clause shape has its words here; a
 * message in Chinese is its clauses translated one by one, every id, number, path and quoted value kept
 * as it is. A message with a clause of no known shape (a rule parser's or the YAML library's) stays
 * English whole, rather than half translated.
 */
const ZH_NOUNS: Readonly<Record<string, string>> = {
  actor: "行为体", issue: "议题", option: "选项", source: "来源", deal: "协议", key: "键", criterion: "标准", trap: "陷阱", "red line": "红线",
  position: "立场", salience: "重要性", capability: "能力", reference: "参照点", outcome: "实际结果", value: "取值", reservation: "底线",
  credibility: "可信度", threshold: "阈值", estimate: "估计", weight: "权重", "linkage utility": "联动效用", sd: "sd",
};

const noun = (word: string): string | undefined => ZH_NOUNS[word];

/** Latin letters, digits and quotes are set off from Chinese by a space, as elsewhere in Parley's Chinese. */
const latin = (char: string | undefined): boolean => char !== undefined && /[\x21-\x7e≥≤]/.test(char);

/** `word` between `before` and `after`, with a space on each side that meets Latin text. */
const spaced = (before: string, after: string, word: string): string => `${latin(before.at(-1)) ? " " : ""}${word}${latin(after[0]) ? " " : ""}`;

/** What was expected or given ("a number from 0 to 100", "a list", `"abc"`), in Chinese; undefined when unknown. */
function zhThing(phrase: string): string | undefined {
  const alternatives = phrase.split(" or ");
  if (alternatives.length > 1) {
    const parts = alternatives.map(zhThing);
    if (!parts.every((p) => p !== undefined)) return undefined;
    return parts.reduce((all, part) => `${all}${spaced(all, part, "或")}${part}`);
  }
  const fixed: Readonly<Record<string, string>> = {
    "a mapping (key: value)": "映射(键: 值)", "a mapping": "映射", record: "映射", "a list": "列表", "a number": "数", "a text": "文本", "an id": "id",
    nothing: "空", "an empty value": "空值", "a non-empty text": "非空文本", "a finite number, not NaN or infinity": "有限的数, 而不是 NaN 或无穷大",
    "ids to be unique": "id 各不相同", "[low, high]": "[低, 高]", "a number greater than 0": "大于 0 的数", "a probability from 0 to 1": "0 到 1 之间的概率",
    "a utility from 0 to 1": "0 到 1 之间的效用", "a share of capability greater than 0 and at most 1": "大于 0 且不超过 1 的能力份额",
    "a passage copied exactly from it (whitespace may differ)": "从中逐字复制的段落(空白可以不同)", "places for all options": "所有选项都有 place",
    "at least one weight above 0": "至少一个权重大于 0", "one weight per estimate": "每个估计一个权重", "a condition on the issues": "关于各议题的条件",
    "a scenario: a mapping with parley, id, title, actors, issues, stances": "情景: 含 parley、id、title、actors、issues、stances 的映射",
    "a file": "文件", "a regular file": "普通文件", "UTF-8 text": "UTF-8 文本", true: "true", false: "false",
  };
  if (fixed[phrase] !== undefined) return fixed[phrase];
  if (/^"(?:[^"\\]|\\.)*"$|^-?\d[\d.e+-]*$/.test(phrase)) return phrase;
  let m: RegExpExecArray | null;
  if ((m = /^a number (≥|≤) (\S+)$/.exec(phrase))) return `${m[1]} ${m[2]} 的数`;
  if ((m = /^a number from (\S+) to (\S+)$/.exec(phrase))) return `${m[1]} 到 ${m[2]} 之间的数`;
  if ((m = /^values from (\S+) to (\S+)$/.exec(phrase))) return `${m[1]} 到 ${m[2]} 之间的值`;
  if ((m = /^a point from (\S+) to (\S+)$/.exec(phrase))) return `${m[1]} 到 ${m[2]} 之间的点`;
  if ((m = /^at (least|most) (\d+) item\(s\)$/.exec(phrase))) return `${m[1] === "least" ? "至少" : "至多"} ${m[2]} 项`;
  if ((m = /^at most (\d+)$/.exec(phrase))) return `至多 ${m[1]}`;
  if ((m = /^the spread of the (.+) in its own units$/.exec(phrase)) && noun(m[1]!)) return `${noun(m[1]!)}以其自身单位计的离散程度`;
  return undefined;
}

/** `unknown option "x" of issue "y" (did you mean "z"?)` and the like; undefined when not of that shape. */
function zhClause(clause: string): string | undefined {
  let m: RegExpExecArray | null;
  const didYouMean = (s: string | undefined) => (s ? `(是否想写“${s}”?)` : "");
  if (clause === "missing") return "缺失";
  if ((m = /^expected one of: (.*)$/.exec(clause))) return `应为以下之一: ${m[1]!.replace("(no deals defined)", "(未定义协议)").replace("(no sources defined)", "(未定义来源)")}`;
  if ((m = /^expected (.+?), got (.+)$/.exec(clause))) {
    const [want, got] = [zhThing(m[1]!), zhThing(m[2]!)];
    return want !== undefined && got !== undefined ? `应为${spaced("", want, "")}${want}, 实际为 ${got}` : undefined;
  }
  if ((m = /^expected (.+)$/.exec(clause))) {
    const want = zhThing(m[1]!);
    return want !== undefined ? `应为${spaced("", want, "")}${want}` : undefined;
  }
  if ((m = /^got (.+)$/.exec(clause))) {
    const got = zhThing(m[1]!);
    return got !== undefined ? `实际为 ${got}` : undefined;
  }
  if ((m = /^unknown (actor|issue|option|source|deal|key) "(.*?)"(?: of issue "(.*?)")?(?: \(did you mean "(.*?)"\?\))?$/.exec(clause))) {
    return `${m[3] !== undefined ? `议题“${m[3]}”的` : ""}未知${noun(m[1]!)}“${m[2]}”${didYouMean(m[4])}`;
  }
  if ((m = /^duplicate (.+?) id "(.*?)" \(first defined at line (\d+)\)$/.exec(clause)) && noun(m[1]!)) return `重复的${noun(m[1]!)} id“${m[2]}”(首次定义于第 ${m[3]} 行)`;
  if ((m = /^(.+?) (\S+) is out of range$/.exec(clause)) && noun(m[1]!)) return `${noun(m[1]!)} ${m[2]} 超出范围`;
  if ((m = /^(.+?) (\S+) is off the scale of "(.*?)"$/.exec(clause)) && noun(m[1]!)) return `${noun(m[1]!)} ${m[2]} 超出“${m[3]}”的量表`;
  if ((m = /^(.+?) on option issue "(.*?)" must be an option id: (.*)$/.exec(clause)) && noun(m[1]!)) return `选项议题“${m[2]}”上的${noun(m[1]!)}必须是选项 id: ${m[3]}`;
  if ((m = /^(.+?) on numeric issue "(.*?)" must be a number on its scale(?: from (\S+) to (\S+))?$/.exec(clause)) && noun(m[1]!)) {
    return `数值议题“${m[2]}”上的${noun(m[1]!)}必须是其量表上的数${m[3] !== undefined ? `(${m[3]} 到 ${m[4]})` : ""}`;
  }
  if ((m = /^sd (\S+) must be greater than 0$/.exec(clause))) return `sd ${m[1]} 必须大于 0`;
  if ((m = /^capability must be greater than 0, got (.+)$/.exec(clause))) return `能力必须大于 0, 实际为 ${m[1]}`;
  if ((m = /^range \[(.*)\] is reversed$/.exec(clause))) return `区间 [${m[1]}] 上下颠倒`;
  if ((m = /^range \[(.*)\] leaves the scale$/.exec(clause))) return `区间 [${m[1]}] 超出量表`;
  if ((m = /^range \[(.*)\] reaches below 0$/.exec(clause))) return `区间 [${m[1]}] 低于 0`;
  if (clause === "capabilities are greater than 0") return "能力须大于 0";
  if ((m = /^scale max (\S+) must be greater than min (\S+)$/.exec(clause))) return `量表上限 ${m[1]} 必须大于下限 ${m[2]}`;
  if ((m = /^anchor (.+) is off the scale$/.exec(clause))) return `锚点 ${m[1]} 超出量表`;
  if ((m = /^weight (\S+) is negative$/.exec(clause))) return `权重 ${m[1]} 为负`;
  if (clause === "the weights are all 0") return "权重全为 0";
  if ((m = /^(\d+) weight\(s\) for (\d+) estimate\(s\)$/.exec(clause))) return `${m[1]} 个权重对应 ${m[2]} 个估计`;
  if ((m = /^estimate (.+) of a (.+) must be (.+)$/.exec(clause)) && noun(m[2]!) && zhThing(m[3]!)) return `${noun(m[2]!)}的估计 ${m[1]} 必须是${zhThing(m[3]!)}`;
  if ((m = /^a (\S+) distribution needs a range \[low, high\] to sample over$/.exec(clause))) return `${m[1]} 分布需要一个抽样区间 [low, high]`;
  if (clause === "add `range` or use {normal: {sd}}") return "请添加 `range`, 或改用 {normal: {sd}}";
  if ((m = /^actor "(.*?)" has no stances$/.exec(clause))) return `行为体“${m[1]}”没有立场`;
  if (clause === "it takes part in no forecast") return "它不参与任何预测";
  if ((m = /^issue "(.*?)" has (\d+) stance\(s\)$/.exec(clause))) return `议题“${m[1]}”只有 ${m[2]} 个立场`;
  if (clause === "forecasts need at least two actors") return "预测至少需要两个行为体";
  if ((m = /^issue "(.*?)" is numeric$/.exec(clause))) return `议题“${m[1]}”是数值议题`;
  if (clause === "value tables are for issues with options") return "取值表只用于有选项的议题";
  if ((m = /^source file "(.*?)" is not available$/.exec(clause))) return `来源文件“${m[1]}”不可用`;
  if ((m = /^quotes from "(.*?)" were not checked$/.exec(clause))) return `未核对出自“${m[1]}”的引文`;
  if ((m = /^quote not found in source "(.*?)"$/.exec(clause))) return `在来源“${m[1]}”中找不到该引文`;
  if ((m = /^this file uses format version (\S+)$/.exec(clause))) return `此文件使用格式版本 ${m[1]}`;
  if ((m = /^this Parley reads up to version (\S+) — please upgrade Parley$/.exec(clause))) return `此 Parley 最多读取版本 ${m[1]} — 请升级 Parley`;
  if (clause === "this key is part of format version 2") return "此键属于格式版本 2";
  if (clause === "write `parley: 2` at the top of the file") return "请在文件开头写上 `parley: 2`";
  if (clause === "either every option or none has a `place`") return "要么每个选项都有 `place`, 要么都没有";
  if (clause === "a linkage condition may not use utility, reservation, gain or accepts: it defines the utility") return "联动条件不得使用 utility、reservation、gain 或 accepts: 效用正是由它定义的";
  if (clause === "file not found") return "找不到文件";
  if (clause === "permission denied") return "没有读取权限";
  if (clause === "is a folder") return "是文件夹";
  if (clause === "a part of the path is not a folder") return "路径中有一部分不是文件夹";
  if (clause === "is a binary file (it contains NUL bytes)") return "是二进制文件(含有 NUL 字节)";
  return undefined;
}

/**
 * A validation message in `language`: English as the validator wrote it; in Chinese clause by clause
 * (see above), or as it is when some clause has no known shape. Ids, numbers and quoted values are kept.
 */
export function diagnosticText(message: string, language: Language): string {
  if (language === "en") return message;
  const clauses = message.split("; ").map(zhClause);
  return clauses.every((c) => c !== undefined) ? clauses.join("; ") : message;
}
