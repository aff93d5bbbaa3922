/**
 * Checks a syntax tree against the scenario schema: resolves every name (issue, actor,
 * option, function, quantifier variable), checks argument counts and types, and reports
 * every problem found with its location and, for misspelt names, the closest known id.
 */

import type { DiagnosticList, Span } from "./diagnostics.js";
import { shorten } from "./lexer.js";
import { MAX_COMBINATIONS } from "./limits.js";
import type { ActorRef, Expr, IssueRef, ResolvedBinding, RuleSchema } from "./resolved.js";
import { didYouMean } from "./suggest.js";
import type { NameNode, SyntaxBinding, SyntaxNode } from "./syntax.js";

/** The static type of a value-producing expression. */
type ValueType =
  | { readonly kind: "number" }
  | { readonly kind: "boolean" }
  | { readonly kind: "option"; readonly issue: string }
  /** The expression had an error, already reported: suppress follow-on errors. */
  | { readonly kind: "invalid" };

interface Typed {
  readonly expr: Expr;
  readonly type: ValueType;
}

interface IssueInfo {
  readonly kind: "numeric" | "options";
  readonly options: readonly string[];
}

/** Parameter list and arity of each built-in function, for lookup and messages. */
interface Signature {
  readonly parameters: string;
  readonly minimum: number;
  readonly maximum: number;
}

const SIGNATURES: ReadonlyMap<string, Signature> = new Map([
  ["deal", { parameters: "issue", minimum: 1, maximum: 1 }],
  ["reference", { parameters: "issue", minimum: 1, maximum: 1 }],
  ["moved", { parameters: "issue", minimum: 1, maximum: 1 }],
  ["position", { parameters: "actor, issue", minimum: 2, maximum: 2 }],
  ["salience", { parameters: "actor, issue", minimum: 2, maximum: 2 }],
  ["toward", { parameters: "actor, issue", minimum: 2, maximum: 2 }],
  ["against", { parameters: "actor, issue", minimum: 2, maximum: 2 }],
  ["capability", { parameters: "actor[, issue]", minimum: 1, maximum: 2 }],
  ["utility", { parameters: "actor", minimum: 1, maximum: 1 }],
  ["reservation", { parameters: "actor", minimum: 1, maximum: 1 }],
  ["gain", { parameters: "actor", minimum: 1, maximum: 1 }],
  ["accepts", { parameters: "actor", minimum: 1, maximum: 1 }],
  ["abs", { parameters: "number", minimum: 1, maximum: 1 }],
  ["min", { parameters: "number, number, …", minimum: 2, maximum: 16 }],
  ["max", { parameters: "number, number, …", minimum: 2, maximum: 16 }],
]);

const NUMBER: ValueType = { kind: "number" };
const BOOLEAN: ValueType = { kind: "boolean" };
const INVALID: Typed = { expr: { kind: "invalid" }, type: { kind: "invalid" } };

/** Where an expression sits, for scoping and hints. */
interface Scope {
  readonly variables: ReadonlyMap<string, ResolvedBinding>;
  /** Product of the domain sizes of the enclosing quantifiers. */
  readonly combinations: number;
  /** Inside the condition of a `count`, where `count … : x >= 4` is a likely mistake. */
  readonly inCount: boolean;
  /** Variables whose binding had an error (already reported): their uses are not reported again. */
  readonly broken: ReadonlySet<string>;
}

/** Checks `root` as a rule condition; errors go to `diagnostics`. */
export function checkRule(root: SyntaxNode, schema: RuleSchema, diagnostics: DiagnosticList): Expr {
  const checker = new Checker(schema, diagnostics);
  return checker.checkCondition(root, { variables: new Map(), combinations: 1, inCount: false, broken: new Set() }, "a rule");
}

/** Issue kinds by id, as the evaluator needs them. */
export function issueKinds(schema: RuleSchema): Map<string, "numeric" | "options"> {
  return new Map(schema.issues.map((issue) => [issue.id, issue.kind]));
}

class Checker {
  private readonly issues: ReadonlyMap<string, IssueInfo>;
  private readonly actors: ReadonlySet<string>;

  constructor(
    schema: RuleSchema,
    private readonly diagnostics: DiagnosticList,
  ) {
    this.issues = new Map(schema.issues.map((issue) => [issue.id, { kind: issue.kind, options: issue.options ?? [] }]));
    this.actors = new Set(schema.actors);
  }

  // ── conditions and values ────────────────────────────────────────────────────────

  /** Checks an expression that must be true/false; `role` names it in the message. */
  checkCondition(node: SyntaxNode, scope: Scope, role: string): Expr {
    const checked = this.checkValue(node, scope);
    const type = checked.type;
    if (type.kind === "boolean" || type.kind === "invalid") return checked.expr;
    const hint =
      type.kind === "number"
        ? "; add a comparison, e.g. '>= 60'"
        : `; compare it with one of its options, e.g. ${type.issue} == ${this.issues.get(type.issue)?.options[0] ?? "option"}`;
    this.error(node.span, `${role} must be a true/false condition, but this is ${describeType(type)}${hint}`);
    return INVALID.expr;
  }

  /** Checks any value-producing expression. `optionIssue` lets bare names mean options of that issue. */
  private checkValue(node: SyntaxNode, scope: Scope, optionIssue?: string): Typed {
    switch (node.kind) {
      case "number":
        return { expr: { kind: "number", value: node.value }, type: NUMBER };
      case "name":
        return this.checkName(node, scope, optionIssue);
      case "call":
        return this.checkCall(node.callee, node.args, node.span, scope);
      case "negate": {
        const operand = this.checkNumber(node.operand, scope, "'-'");
        return { expr: { kind: "negate", operand }, type: NUMBER };
      }
      case "arithmetic": {
        const left = this.checkNumber(node.left, scope, `'${node.operator}'`);
        const right = this.checkNumber(node.right, scope, `'${node.operator}'`);
        return { expr: { kind: "arithmetic", operator: node.operator, left, right }, type: NUMBER };
      }
      case "compare":
        return this.checkCompare(node, scope);
      case "member":
        return this.checkMember(node, scope);
      case "logic": {
        const operands = node.operands.map((operand) => this.checkCondition(operand, scope, `each side of '${node.operator}'`));
        return { expr: { kind: "logic", operator: node.operator, operands }, type: BOOLEAN };
      }
      case "not": {
        const operand = this.checkCondition(node.operand, scope, "what follows 'not'");
        return { expr: { kind: "not", operand }, type: BOOLEAN };
      }
      case "quantifier":
        return this.checkQuantifier(node, scope);
      case "invalid":
        return INVALID;
    }
  }

  /** Checks an operand of arithmetic or of a numeric function. */
  private checkNumber(node: SyntaxNode, scope: Scope, user: string): Expr {
    const checked = this.checkValue(node, scope);
    if (checked.type.kind === "number" || checked.type.kind === "invalid") return checked.expr;
    this.error(node.span, `${user} needs a number, but this is ${describeType(checked.type)}`);
    return INVALID.expr;
  }

  /** A bare name used as a value: an issue (the deal's value), a quantifier variable, or an option. */
  private checkName(node: NameNode, scope: Scope, optionIssue: string | undefined): Typed {
    const name = node.name;
    if (scope.broken.has(name)) return INVALID;
    const variable = scope.variables.get(name);
    if (variable?.kind === "actor") {
      this.error(node.span, `'${name}' is an actor variable; an actor can only be a function argument, e.g. utility(${name}) or salience(${name}, sanctions)`);
      return INVALID;
    }
    if (variable) return this.issueValue({ kind: "variable", name }, node.span, scope, "deal", true);
    const options = optionIssue === undefined ? undefined : this.issues.get(optionIssue)?.options;
    if (optionIssue !== undefined && options?.includes(name)) {
      return { expr: { kind: "option", issue: optionIssue, option: name }, type: { kind: "option", issue: optionIssue } };
    }
    if (this.issues.has(name)) return this.issueValue({ kind: "issue", id: name }, node.span, scope, "deal", true);
    if (this.actors.has(name)) {
      this.error(node.span, `'${name}' is an actor; an actor can only be a function argument, e.g. utility(${name}), or in a quantifier list`);
      return INVALID;
    }
    if (optionIssue !== undefined) {
      this.error(node.span, `'${shorten(name)}' is not an option of '${optionIssue}' (options: ${(options ?? []).join(", ")})${didYouMean(name, options ?? [])}`);
      return INVALID;
    }
    this.error(node.span, this.unknownValueMessage(name, scope));
    return INVALID;
  }

  /** Message for a bare name that is none of the known things. */
  private unknownValueMessage(name: string, scope: Scope): string {
    const owner = [...this.issues].find(([, info]) => info.options.includes(name));
    if (owner) return `'${name}' is an option of '${owner[0]}'; compare with it, e.g. ${owner[0]} == ${name}`;
    if (SIGNATURES.has(name)) return `'${name}' is a function; call it with brackets, e.g. ${name}(${SIGNATURES.get(name)?.parameters ?? ""})`;
    const candidates = [...this.issues.keys(), ...scope.variables.keys()];
    return `unknown issue '${shorten(name)}'${didYouMean(name, candidates)}`;
  }

  // ── comparisons ──────────────────────────────────────────────────────────────────

  /** `a op b`: both sides numbers, or (for == and !=) the same kind of value. */
  private checkCompare(node: Extract<SyntaxNode, { kind: "compare" }>, scope: Scope): Typed {
    const leftFirst = !(this.isFreeName(node.left, scope) && !this.isFreeName(node.right, scope));
    let left: Typed;
    let right: Typed;
    if (leftFirst) {
      left = this.checkValue(node.left, scope);
      right = this.checkValue(node.right, scope, optionIssueOf(left.type));
    } else {
      right = this.checkValue(node.right, scope);
      left = this.checkValue(node.left, scope, optionIssueOf(right.type));
    }
    const result: Typed = { expr: { kind: "compare", operator: node.operator, left: left.expr, right: right.expr }, type: BOOLEAN };
    const problem = this.comparisonProblem(node.operator, left.type, right.type, scope);
    if (problem) this.error(node.span, problem);
    return result;
  }

  /** Why two types cannot be compared with `operator`, or undefined if they can. */
  private comparisonProblem(operator: string, left: ValueType, right: ValueType, scope: Scope): string | undefined {
    if (left.kind === "invalid" || right.kind === "invalid") return undefined;
    const ordering = operator !== "==" && operator !== "!=";
    const countHint = scope.inCount && (left.kind === "boolean" || right.kind === "boolean")
      ? "; to compare a count, put the count in brackets: (count a in actors: accepts(a)) >= 4"
      : "";
    if (ordering) {
      const option = [left, right].find((type) => type.kind === "option");
      if (option?.kind === "option") {
        return `'${option.issue}' is an option issue: compare it with ==, != or 'in' and one of its options (${this.optionList(option.issue)}), not with '${operator}'`;
      }
      if (left.kind !== "number" || right.kind !== "number") {
        return `'${operator}' compares numbers, but one side is ${describeType(left.kind === "number" ? right : left)}${countHint}`;
      }
      return undefined;
    }
    if (left.kind === right.kind && (left.kind !== "option" || right.kind !== "option" || left.issue === right.issue)) return undefined;
    if (left.kind === "option" || right.kind === "option") {
      const option = left.kind === "option" ? left : right;
      const other = left.kind === "option" ? right : left;
      if (option.kind === "option" && other.kind === "number") {
        return `'${option.issue}' is an option issue: compare it with one of its options (${this.optionList(option.issue)}), not with a number`;
      }
    }
    return `cannot compare ${describeType(left)} with ${describeType(right)}${countHint}`;
  }

  /** `x in [..]` / `x not in [..]`: the items must be numbers or options of x's issue. */
  private checkMember(node: Extract<SyntaxNode, { kind: "member" }>, scope: Scope): Typed {
    const subject = this.checkValue(node.subject, scope);
    const type = subject.type;
    const items: Expr[] = [];
    if (node.list.items.length === 0) this.error(node.list.span, "the list is empty; give at least one value, e.g. [agreed, partial]");
    if (type.kind === "boolean") {
      this.error(node.subject.span, "'in' needs a number or an option value on its left, but this is a true/false condition");
    }
    for (const item of node.list.items) {
      if (type.kind === "number") {
        if (item.kind === "number") items.push({ kind: "number", value: item.value });
        else this.error(item.span, `expected a number in this list, because the left side is a number; found '${shorten(item.name)}'`);
      } else if (type.kind === "option") {
        if (item.kind === "name") items.push(this.checkValue(item, scope, type.issue).expr);
        else this.error(item.span, `'${type.issue}' is an option issue: list its options (${this.optionList(type.issue)}), not numbers`);
      }
    }
    return { expr: { kind: "member", negated: node.negated, subject: subject.expr, items }, type: BOOLEAN };
  }

  // ── function calls ───────────────────────────────────────────────────────────────

  /** Checks a built-in function call: known name, argument count, argument kinds. */
  private checkCall(callee: NameNode, args: readonly SyntaxNode[], span: Span, scope: Scope): Typed {
    const name = callee.name;
    const signature = SIGNATURES.get(name);
    if (!signature) {
      this.error(callee.span, `unknown function '${shorten(name)}'${didYouMean(name, SIGNATURES.keys()) || `; the functions are ${[...SIGNATURES.keys()].join(", ")}`}`);
      return INVALID;
    }
    if (args.length < signature.minimum || args.length > signature.maximum) {
      const expected = signature.minimum === signature.maximum ? `${signature.minimum}` : signature.maximum > 2 ? `at least ${signature.minimum}` : `${signature.minimum} or ${signature.maximum}`;
      this.error(span, `'${name}' takes ${expected} argument(s) (${signature.parameters}); found ${args.length}`);
      return INVALID;
    }
    const [first, second] = args;
    if (first === undefined) return INVALID;
    switch (name) {
      case "deal":
      case "reference":
      case "moved":
        return this.checkIssueCall(name, first, span, scope);
      case "position":
      case "salience":
      case "toward":
      case "against":
        return this.checkStanceCall(name, first, second, span, scope);
      case "capability": {
        const actor = this.checkActorArgument(first, scope, name);
        const issue = second === undefined ? undefined : this.checkIssueArgument(second, scope, name);
        if (!actor || (second !== undefined && !issue)) return INVALID;
        return { expr: { kind: "capability", actor, issue }, type: NUMBER };
      }
      case "utility":
      case "reservation":
      case "gain":
      case "accepts": {
        const actor = this.checkActorArgument(first, scope, name);
        if (!actor) return INVALID;
        return { expr: { kind: "actorQuery", fn: name, actor }, type: name === "accepts" ? BOOLEAN : NUMBER };
      }
      case "abs":
      case "min":
      case "max": {
        const checked = args.map((arg) => this.checkNumber(arg, scope, `'${name}'`));
        return { expr: { kind: "math", fn: name, args: checked }, type: NUMBER };
      }
      default:
        return INVALID;
    }
  }

  /** deal(issue), reference(issue), moved(issue). */
  private checkIssueCall(name: "deal" | "reference" | "moved", arg: SyntaxNode, span: Span, scope: Scope): Typed {
    const issue = this.checkIssueArgument(arg, scope, name);
    if (!issue) return INVALID;
    if (name === "moved") return { expr: { kind: "issueQuery", fn: name, issue, bare: false }, type: NUMBER };
    return this.issueValue(issue, span, scope, name, false);
  }

  /** position/salience/toward/against(actor, issue). */
  private checkStanceCall(
    name: "position" | "salience" | "toward" | "against",
    actorArg: SyntaxNode,
    issueArg: SyntaxNode | undefined,
    span: Span,
    scope: Scope,
  ): Typed {
    const actor = this.checkActorArgument(actorArg, scope, name);
    const issue = issueArg && this.checkIssueArgument(issueArg, scope, name);
    if (!actor || !issue) return INVALID;
    const expr: Expr = { kind: "stanceQuery", fn: name, actor, issue };
    if (name === "position") return { expr, type: this.issueValueType(issue, span, scope) };
    return { expr, type: name === "salience" ? NUMBER : BOOLEAN };
  }

  /** The deal's (or reference's) value on an issue, typed by the issue's kind. */
  private issueValue(issue: IssueRef, span: Span, scope: Scope, fn: "deal" | "reference", bare: boolean): Typed {
    const type = this.issueValueType(issue, span, scope);
    if (type.kind === "invalid") return INVALID;
    return { expr: { kind: "issueQuery", fn, issue, bare }, type };
  }

  /** Number for a numeric issue, option for an option issue; an issue variable must range over numeric issues only. */
  private issueValueType(issue: IssueRef, span: Span, scope: Scope): ValueType {
    if (issue.kind === "issue") {
      return this.issues.get(issue.id)?.kind === "options" ? { kind: "option", issue: issue.id } : NUMBER;
    }
    const values = scope.variables.get(issue.name)?.values ?? [];
    const optionIssues = values.filter((id) => this.issues.get(id)?.kind === "options");
    if (optionIssues.length === 0) return NUMBER;
    this.error(span, `the value of '${issue.name}' is not always a number: it ranges over option issue(s) ${optionIssues.map((id) => `'${id}'`).join(", ")}; list numeric issues only, or use moved/toward/against(…, ${issue.name})`);
    return { kind: "invalid" };
  }

  /** An argument that must name an actor: an actor id or an actor variable. */
  private checkActorArgument(node: SyntaxNode, scope: Scope, fn: string): ActorRef | undefined {
    if (node.kind === "name" && scope.broken.has(node.name)) return undefined;
    if (node.kind !== "name") {
      if (node.kind !== "invalid") this.error(node.span, `'${fn}' expects an actor here (such as ${this.firstActor()}, or a variable from 'any a in actors'), not an expression`);
      return undefined;
    }
    const variable = scope.variables.get(node.name);
    if (variable?.kind === "actor") return { kind: "variable", name: node.name };
    if (variable) {
      this.error(node.span, `'${fn}' expects an actor here, but '${node.name}' is an issue variable`);
      return undefined;
    }
    if (this.actors.has(node.name)) return { kind: "actor", id: node.name };
    if (this.issues.has(node.name)) {
      this.error(node.span, `'${fn}' expects an actor here, but '${node.name}' is an issue`);
      return undefined;
    }
    const actorVariables = [...scope.variables.values()].filter((binding) => binding.kind === "actor").map((binding) => binding.name);
    const suggestion = didYouMean(node.name, [...this.actors, ...actorVariables]) || `; the actors are ${[...this.actors].join(", ")}`;
    this.error(node.span, `unknown actor '${shorten(node.name)}'${suggestion}`);
    return undefined;
  }

  /** An argument that must name an issue: an issue id or an issue variable. */
  private checkIssueArgument(node: SyntaxNode, scope: Scope, fn: string): IssueRef | undefined {
    if (node.kind === "name" && scope.broken.has(node.name)) return undefined;
    if (node.kind !== "name") {
      if (node.kind !== "invalid") this.error(node.span, `'${fn}' expects an issue here (such as ${this.firstIssue()}, or a variable from 'any i in issues'), not an expression`);
      return undefined;
    }
    const variable = scope.variables.get(node.name);
    if (variable?.kind === "issue") return { kind: "variable", name: node.name };
    if (variable) {
      this.error(node.span, `'${fn}' expects an issue here, but '${node.name}' is an actor variable`);
      return undefined;
    }
    if (this.issues.has(node.name)) return { kind: "issue", id: node.name };
    if (this.actors.has(node.name)) {
      this.error(node.span, `'${fn}' expects an issue here, but '${node.name}' is an actor`);
      return undefined;
    }
    const issueVariables = [...scope.variables.values()].filter((binding) => binding.kind === "issue").map((binding) => binding.name);
    this.error(node.span, `unknown issue '${shorten(node.name)}'${didYouMean(node.name, [...this.issues.keys(), ...issueVariables])}`);
    return undefined;
  }

  // ── quantifiers ──────────────────────────────────────────────────────────────────

  /** any/all/count: resolves the bindings, bounds the work, checks the condition in the new scope. */
  private checkQuantifier(node: Extract<SyntaxNode, { kind: "quantifier" }>, scope: Scope): Typed {
    const variables = new Map(scope.variables);
    const broken = new Set(scope.broken);
    const bindings: ResolvedBinding[] = [];
    let combinations = scope.combinations;
    for (const binding of node.bindings) {
      const resolved = this.resolveBinding(binding, variables);
      if (!resolved) {
        broken.add(binding.name.name);
        continue;
      }
      broken.delete(resolved.name);
      variables.set(resolved.name, resolved);
      bindings.push(resolved);
      combinations *= Math.max(resolved.values.length, 1);
    }
    if (combinations > MAX_COMBINATIONS) {
      this.error(node.span, `this quantifier, with those around it, would check ${combinations} combinations; the limit is ${MAX_COMBINATIONS}`);
    }
    const inner: Scope = { variables, broken, combinations: Math.min(combinations, MAX_COMBINATIONS + 1), inCount: node.quantifier === "count" };
    const body = this.checkCondition(node.body, inner, `the condition after '${node.quantifier} …:'`);
    if (bindings.length !== node.bindings.length) return INVALID;
    const expr: Expr = { kind: "quantifier", quantifier: node.quantifier, bindings, body };
    return { expr, type: node.quantifier === "count" ? NUMBER : BOOLEAN };
  }

  /** One `name in domain`: a fresh variable name over actors or issues. */
  private resolveBinding(binding: SyntaxBinding, variables: ReadonlyMap<string, ResolvedBinding>): ResolvedBinding | undefined {
    const name = binding.name.name;
    const clash = variables.has(name)
      ? `variable '${name}' is already in use here; choose another name`
      : this.issues.has(name) || this.actors.has(name) || SIGNATURES.has(name)
        ? `'${name}' is already the name of ${this.issues.has(name) ? "an issue" : this.actors.has(name) ? "an actor" : "a function"}; choose another variable name, e.g. 'a' or 'i'`
        : undefined;
    if (clash) this.error(binding.name.span, clash);
    const domain = binding.domain;
    if (domain.kind === "actors") return clash ? undefined : { name, kind: "actor", values: [...this.actors], source: "actors" };
    if (domain.kind === "issues") return clash ? undefined : { name, kind: "issue", values: [...this.issues.keys()], source: "issues" };
    const listed = this.resolveDomainList(domain.list.items, domain.span);
    if (!listed || clash) return undefined;
    return { name, kind: listed.kind, values: listed.values, source: `[${listed.values.join(", ")}]` };
  }

  /** A quantifier list: all actor ids or all issue ids. */
  private resolveDomainList(
    items: readonly SyntaxNode[],
    span: Span,
  ): { kind: "actor" | "issue"; values: string[] } | undefined {
    if (items.length === 0) {
      this.error(span, "the list is empty; name at least one actor or issue, e.g. [ROK, JPN]");
      return undefined;
    }
    const values: string[] = [];
    const kinds = new Set<"actor" | "issue">();
    let valid = true;
    for (const item of items) {
      if (item.kind !== "name") {
        this.error(item.span, "a quantifier list holds actors or issues, not numbers");
        valid = false;
        continue;
      }
      const kind = this.actors.has(item.name) ? "actor" : this.issues.has(item.name) ? "issue" : undefined;
      if (!kind) {
        this.error(item.span, `unknown actor or issue '${shorten(item.name)}'${didYouMean(item.name, [...this.actors, ...this.issues.keys()])}`);
        valid = false;
        continue;
      }
      kinds.add(kind);
      values.push(item.name);
    }
    if (kinds.size > 1) {
      this.error(span, "a quantifier list must hold only actors or only issues, not both");
      return undefined;
    }
    const kind = [...kinds][0];
    return valid && kind ? { kind, values } : undefined;
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────

  /** A bare name that is not a variable, issue or actor: possibly an option id. */
  private isFreeName(node: SyntaxNode, scope: Scope): boolean {
    return node.kind === "name" && !scope.variables.has(node.name) && !this.issues.has(node.name) && !this.actors.has(node.name);
  }

  private optionList(issue: string): string {
    return (this.issues.get(issue)?.options ?? []).join(", ");
  }

  private firstActor(): string {
    return [...this.actors][0] ?? "an actor id";
  }

  private firstIssue(): string {
    return [...this.issues.keys()][0] ?? "an issue id";
  }

  private error(span: Span, message: string): void {
    this.diagnostics.add(span, message);
  }
}

/** The option issue a value belongs to, so bare names beside it are read as its options. */
function optionIssueOf(type: ValueType): string | undefined {
  return type.kind === "option" ? type.issue : undefined;
}

/** A type in words, for messages. */
function describeType(type: ValueType): string {
  switch (type.kind) {
    case "number":
      return "a number";
    case "boolean":
      return "a true/false condition";
    case "option":
      return `an option of '${type.issue}'`;
    case "invalid":
      return "an invalid expression";
  }
}
