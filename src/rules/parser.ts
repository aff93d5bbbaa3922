/**
 * Recursive-descent parser for the rule language (grammar in docs/rules.md).
 * It reports syntax errors and keeps going where it safely can, so that name and type
 * errors further on are reported too. Nesting deeper than {@link MAX_NESTING_DEPTH} stops
 * parsing with one error instead of exhausting the stack.
 */

import { joinSpans, type DiagnosticList, type Span } from "./diagnostics.js";
import { describeToken, KEYWORDS, type Token } from "./lexer.js";
import { MAX_NESTING_DEPTH } from "./limits.js";
import type {
  NameNode,
  NumberNode,
  Quantifier,
  SyntaxBinding,
  SyntaxDomain,
  SyntaxList,
  SyntaxNode,
} from "./syntax.js";

/** Thrown to abandon parsing when nesting is too deep; caught in {@link parseTokens}. */
class NestingTooDeep extends Error {}

const QUANTIFIERS: ReadonlySet<string> = new Set(["any", "all", "count"]);

/** Parses a whole rule; returns undefined when nesting was too deep (already reported). */
export function parseTokens(tokens: readonly Token[], diagnostics: DiagnosticList): SyntaxNode | undefined {
  const parser = new Parser(tokens, diagnostics);
  try {
    return parser.parseRule();
  } catch (error) {
    if (error instanceof NestingTooDeep) return undefined;
    throw error;
  }
}

class Parser {
  private index = 0;
  private depth = 0;
  /** True once a syntax error was reported: later syntax errors are usually echoes of it. */
  private syntaxFailed = false;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly diagnostics: DiagnosticList,
  ) {}

  /** rule := expression END */
  parseRule(): SyntaxNode {
    const expression = this.parseExpression();
    const next = this.peek();
    if (next.kind !== "end") {
      this.syntaxError(next.span, `expected an operator such as 'and', or the end of the rule; found ${describeToken(next)}${keywordCaseHint(next)}`);
    }
    return expression;
  }

  // ── expressions, loosest binding first ───────────────────────────────────────────

  /** expression := orExpression */
  private parseExpression(): SyntaxNode {
    return this.nested(() => this.parseLogic("or"));
  }

  /** orExpression := andExpression ("or" andExpression)*; andExpression := notExpression ("and" notExpression)* */
  private parseLogic(operator: "and" | "or"): SyntaxNode {
    const parseOperand = (): SyntaxNode => (operator === "or" ? this.parseLogic("and") : this.parseNot());
    const first = parseOperand();
    const operands = [first];
    while (this.atKeyword(operator)) {
      this.advance();
      operands.push(parseOperand());
    }
    if (operands.length === 1) return first;
    const last = operands[operands.length - 1] ?? first;
    return { kind: "logic", operator, operands, span: joinSpans(first.span, last.span) };
  }

  /** notExpression := "not" notExpression | comparison */
  private parseNot(): SyntaxNode {
    if (!this.atKeyword("not")) return this.parseComparison();
    const keyword = this.advance();
    const operand = this.nested(() => this.parseNot());
    return { kind: "not", operand, span: joinSpans(keyword.span, operand.span) };
  }

  /** comparison := sum [ COMPARE sum | ["not"] "in" list ] */
  private parseComparison(): SyntaxNode {
    const left = this.parseSum();
    const next = this.peek();
    let result: SyntaxNode = left;
    if (next.kind === "compare") {
      this.advance();
      const right = this.parseSum();
      result = { kind: "compare", operator: next.operator, operatorSpan: next.span, left, right, span: joinSpans(left.span, right.span) };
    } else if (this.atKeyword("in") || (this.atKeyword("not") && this.atKeyword("in", 1))) {
      const negated = this.atKeyword("not");
      if (negated) this.advance();
      const keyword = this.advance();
      const list = this.parseList();
      if (!list) return { kind: "invalid", span: joinSpans(left.span, keyword.span) };
      result = { kind: "member", negated, subject: left, list, span: joinSpans(left.span, list.span) };
    } else {
      return left;
    }
    const chained = this.peek();
    if (chained.kind === "compare" || this.atKeyword("in")) {
      this.syntaxError(chained.span, "comparisons cannot be chained (a < b < c); join them with 'and': a < b and b < c");
    }
    return result;
  }

  /** sum := product (("+" | "-") product)* */
  private parseSum(): SyntaxNode {
    let left = this.parseProduct();
    for (let next = this.peek(); next.kind === "arithmetic" && (next.operator === "+" || next.operator === "-"); next = this.peek()) {
      this.advance();
      const right = this.parseProduct();
      left = { kind: "arithmetic", operator: next.operator, left, right, span: joinSpans(left.span, right.span) };
    }
    return left;
  }

  /** product := unary (("*" | "/") unary)* */
  private parseProduct(): SyntaxNode {
    let left = this.parseUnary();
    for (let next = this.peek(); next.kind === "arithmetic" && (next.operator === "*" || next.operator === "/"); next = this.peek()) {
      this.advance();
      const right = this.parseUnary();
      left = { kind: "arithmetic", operator: next.operator, left, right, span: joinSpans(left.span, right.span) };
    }
    return left;
  }

  /** unary := "-" unary | primary */
  private parseUnary(): SyntaxNode {
    const next = this.peek();
    if (next.kind !== "arithmetic" || next.operator !== "-") return this.parsePrimary();
    this.advance();
    const operand = this.nested(() => this.parseUnary());
    return { kind: "negate", operand, span: joinSpans(next.span, operand.span) };
  }

  /** primary := NUMBER | NAME | NAME "(" arguments ")" | "(" expression ")" | quantified */
  private parsePrimary(): SyntaxNode {
    const token = this.peek();
    if (token.kind === "number") {
      this.advance();
      return { kind: "number", value: token.value, span: token.span };
    }
    if (token.kind === "name" && !token.quoted && QUANTIFIERS.has(token.name)) {
      return this.parseQuantified(token.name as Quantifier);
    }
    if (token.kind === "name" && (token.quoted || !KEYWORDS.has(token.name))) {
      this.advance();
      const name: NameNode = { kind: "name", name: token.name, quoted: token.quoted, span: token.span };
      return this.atPunctuation("(") ? this.parseCall(name) : name;
    }
    if (token.kind === "punctuation" && token.symbol === "(") {
      this.advance();
      const inner = this.parseExpression();
      const close = this.expectClosing(")", token);
      return withSpan(inner, joinSpans(token.span, close ?? inner.span));
    }
    if (token.kind === "punctuation" && token.symbol === "[") {
      this.syntaxError(token.span, "a list [ … ] can only follow 'in', as in: definition in [agreed, partial]");
      const list = this.parseList(false);
      return { kind: "invalid", span: list?.span ?? token.span };
    }
    return this.unexpected(token);
  }

  /** arguments := [ expression ("," expression)* ] — the name and "(" are already read. */
  private parseCall(callee: NameNode): SyntaxNode {
    const open = this.advance();
    const args: SyntaxNode[] = [];
    if (!this.atPunctuation(")")) {
      args.push(this.parseExpression());
      while (this.atPunctuation(",")) {
        this.advance();
        args.push(this.parseExpression());
      }
    }
    const close = this.expectClosing(")", open);
    const last = close ?? args[args.length - 1]?.span ?? open.span;
    return { kind: "call", callee, args, span: joinSpans(callee.span, last) };
  }

  /**
   * quantified := ("any" | "all" | "count") binding ("," binding)* ":" expression.
   * A malformed head leaves nothing sensible to parse, so the rest of the rule is skipped.
   */
  private parseQuantified(quantifier: Quantifier): SyntaxNode {
    const start = this.peek();
    const parsed = this.parseQuantifiedParts(quantifier);
    if (parsed) return parsed;
    this.skipToEnd();
    return { kind: "invalid", span: start.span };
  }

  /** The quantifier itself; undefined (reported) when its head is malformed. */
  private parseQuantifiedParts(quantifier: Quantifier): SyntaxNode | undefined {
    const keyword = this.advance();
    const bindings: SyntaxBinding[] = [];
    const binding = this.parseBinding(quantifier);
    if (!binding) return undefined;
    bindings.push(binding);
    while (this.atPunctuation(",")) {
      this.advance();
      const further = this.parseBinding(quantifier);
      if (!further) return undefined;
      bindings.push(further);
    }
    if (!this.atPunctuation(":")) {
      const found = this.peek();
      this.syntaxError(found.span, `expected ':' before the condition of '${quantifier}', as in: ${quantifier} a in actors: accepts(a); found ${describeToken(found)}`);
      return undefined;
    }
    this.advance();
    const body = this.parseExpression();
    return { kind: "quantifier", quantifier, bindings, body, span: joinSpans(keyword.span, body.span) };
  }

  /** binding := NAME "in" ("actors" | "issues" | list) */
  private parseBinding(quantifier: Quantifier): SyntaxBinding | undefined {
    const nameToken = this.peek();
    if (nameToken.kind !== "name" || (!nameToken.quoted && KEYWORDS.has(nameToken.name))) {
      this.syntaxError(nameToken.span, `expected a variable name after '${quantifier}', as in: ${quantifier} a in actors: …; found ${describeToken(nameToken)}`);
      return undefined;
    }
    this.advance();
    const name: NameNode = { kind: "name", name: nameToken.name, quoted: nameToken.quoted, span: nameToken.span };
    if (!this.atKeyword("in")) {
      const found = this.peek();
      this.syntaxError(found.span, `expected 'in' after the variable '${name.name}'; found ${describeToken(found)}`);
      return undefined;
    }
    this.advance();
    const domain = this.parseDomain();
    return domain ? { name, domain } : undefined;
  }

  /** domain := "actors" | "issues" | list */
  private parseDomain(): SyntaxDomain | undefined {
    const token = this.peek();
    if (token.kind === "name" && !token.quoted && (token.name === "actors" || token.name === "issues")) {
      this.advance();
      return { kind: token.name, span: token.span };
    }
    if (token.kind === "punctuation" && token.symbol === "[") {
      const list = this.parseList();
      return list && { kind: "list", list, span: list.span };
    }
    this.syntaxError(token.span, `expected 'actors', 'issues' or a list such as [ROK, JPN] after 'in'; found ${describeToken(token)}`);
    return undefined;
  }

  /** list := "[" [item ("," item)*] "]"; item := NUMBER | "-" NUMBER | NAME. Undefined (reported) when no list follows. */
  private parseList(report = true): SyntaxList | undefined {
    const open = this.peek();
    if (open.kind !== "punctuation" || open.symbol !== "[") {
      this.syntaxError(open.span, `expected a list such as [agreed, partial] after 'in'; found ${describeToken(open)}`);
      return undefined;
    }
    this.advance();
    const items: (NumberNode | NameNode)[] = [];
    let end: Span = open.span;
    while (!this.atPunctuation("]")) {
      const item = this.parseListItem(report);
      if (!item) break;
      items.push(item);
      end = item.span;
      if (!this.atPunctuation(",")) break;
      end = this.advance().span;
    }
    const close = report ? this.expectClosing("]", open) : this.atPunctuation("]") ? this.advance().span : undefined;
    return { items, span: joinSpans(open.span, close ?? end) };
  }

  /** One list item; reports and returns undefined for anything but a number or a name. */
  private parseListItem(report: boolean): NumberNode | NameNode | undefined {
    const token = this.peek();
    const minus = token.kind === "arithmetic" && token.operator === "-" ? token : undefined;
    const valueToken = minus ? this.peek(1) : token;
    if (valueToken.kind === "number") {
      if (minus) this.advance();
      this.advance();
      const span = minus ? joinSpans(minus.span, valueToken.span) : valueToken.span;
      return { kind: "number", value: minus ? -valueToken.value : valueToken.value, span };
    }
    if (!minus && valueToken.kind === "name" && (valueToken.quoted || !KEYWORDS.has(valueToken.name))) {
      this.advance();
      return { kind: "name", name: valueToken.name, quoted: valueToken.quoted, span: valueToken.span };
    }
    if (report && token.kind !== "end") {
      this.syntaxError(token.span, `a list holds only numbers and names, separated by commas; found ${describeToken(token)}`);
    }
    return undefined;
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────

  /** Runs `parse` one nesting level deeper, giving up with one error beyond the limit. */
  private nested<T>(parse: () => T): T {
    this.depth += 1;
    try {
      if (this.depth > MAX_NESTING_DEPTH) {
        const token = this.peek();
        this.diagnostics.add(token.span, `the rule is nested too deeply (more than ${MAX_NESTING_DEPTH} levels of brackets, 'not', '-', calls or quantifiers); split it into simpler rules`);
        throw new NestingTooDeep();
      }
      return parse();
    } finally {
      this.depth -= 1;
    }
  }

  /** Consumes the closing bracket, or reports where the opening one was; returns its span if found. */
  private expectClosing(symbol: ")" | "]", open: Token): Span | undefined {
    if (this.atPunctuation(symbol)) return this.advance().span;
    const found = this.peek();
    const what = symbol === ")" ? "'('" : "list '['";
    if (found.kind === "end") {
      this.syntaxError(open.span, `${what} at offset ${open.span.offset} is not closed: expected '${symbol}' but found the end of the rule`);
    } else {
      const expected = symbol === "]" ? "',' or ']'" : "')'";
      this.syntaxError(found.span, `expected ${expected} to go with ${what} at offset ${open.span.offset}; found ${describeToken(found)}`);
    }
    return undefined;
  }

  /** Reports a token that cannot start an operand, and skips it unless it may close something. */
  private unexpected(token: Token): SyntaxNode {
    const hint = token.kind === "name" ? ` ('${token.name}' is a keyword; quote an id spelled like a keyword: '${token.name}')` : "";
    this.syntaxError(token.span, `expected a number, a name, a function call or '('; found ${describeToken(token)}${hint}`);
    const closes = token.kind === "end" || (token.kind === "punctuation" && token.symbol !== "(");
    if (!closes) this.advance();
    return { kind: "invalid", span: token.span };
  }

  /** Reports a syntax error unless one was already reported (later ones tend to be echoes). */
  private syntaxError(span: Span, message: string): void {
    if (this.syntaxFailed) return;
    this.syntaxFailed = true;
    this.diagnostics.add(span, message);
  }

  /** Skips every remaining token (after an error that leaves nothing sensible to parse). */
  private skipToEnd(): void {
    this.index = this.tokens.length - 1;
  }

  private peek(ahead = 0): Token {
    const last = this.tokens[this.tokens.length - 1];
    const token = this.tokens[this.index + ahead] ?? last;
    if (!token) throw new Error("token list must end with an end token");
    return token;
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index += 1;
    return token;
  }

  private atKeyword(keyword: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === "name" && !token.quoted && token.name === keyword;
  }

  private atPunctuation(symbol: string): boolean {
    const token = this.peek();
    return token.kind === "punctuation" && token.symbol === symbol;
  }
}

/** A hint when a keyword was typed in capitals, e.g. `AND`. */
function keywordCaseHint(token: Token): string {
  if (token.kind !== "name" || token.quoted) return "";
  const lower = token.name.toLowerCase();
  return lower !== token.name && KEYWORDS.has(lower) ? ` — keywords are written in lower case: '${lower}'` : "";
}

/** The same node with its span widened to include surrounding brackets. */
function withSpan(node: SyntaxNode, span: Span): SyntaxNode {
  return { ...node, span };
}
