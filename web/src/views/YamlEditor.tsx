/**
 * The YAML view's code editor (CodeMirror 6): line numbers, YAML highlighting, search, the
 * validator's problems drawn inline at the line and column they cite, and completion of the keys the
 * scenario schema allows where the cursor stands. It lives in the YAML view's own chunk, so the
 * first view never loads it.
 */
import { autocompletion, completionKeymap, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { bracketMatching, defaultHighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic as EditorDiagnostic } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { EditorState, Transaction, type Text } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import type { Diagnostic } from "../../../src/scenario/diagnostics.js";
import { keysAt } from "../yamlKeys.js";

export interface YamlEditorHandle {
  /** Puts the cursor at a 1-based line and column and scrolls there. */
  goTo(line: number, column: number): void;
}

interface Props {
  readonly text: string;
  readonly onChange: (text: string) => void;
  /** The validator's problems, drawn while they are those of `text` (`checked`). */
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  readonly checked: boolean;
  readonly label: string;
  /** The scenario JSON schema the key completion reads. */
  readonly schema: object;
}

/** A 1-based line and column as an offset of `doc`, clamped into it. */
export function offsetOf(doc: Text, line: number, column: number): number {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.to, l.from + Math.max(0, column - 1));
}

/** The stretch a problem marks: from its column to the end of the word (or value) there. */
function extent(doc: Text, line: number, column: number): { from: number; to: number } {
  if (line < 1) return { from: 0, to: Math.min(doc.length, doc.line(1).to) };
  const from = offsetOf(doc, line, column);
  const l = doc.lineAt(from);
  const rest = doc.sliceString(from, l.to);
  const word = /^[^\s,\]}]+/.exec(rest)?.[0].length ?? 0;
  return { from, to: word > 0 ? from + word : l.to > from ? l.to : from };
}

export function editorDiagnostics(doc: Text, errors: readonly Diagnostic[], warnings: readonly Diagnostic[]): EditorDiagnostic[] {
  const one = (d: Diagnostic, severity: "error" | "warning"): EditorDiagnostic => ({ ...extent(doc, d.line, d.column), severity, message: d.path ? `${d.path}: ${d.message}` : d.message, source: d.line > 0 ? `${d.line}:${d.column}` : undefined });
  return [...errors.map((d) => one(d, "error")), ...warnings.map((d) => one(d, "warning"))];
}

const editorTheme = EditorView.theme({
  "&": { height: "100%", backgroundColor: "#fff" },
  "&.cm-focused": { outline: "2px solid #1d4ed8", outlineOffset: "-2px" },
  ".cm-scroller": { fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace', fontSize: "12.5px", lineHeight: "1.45" },
  ".cm-content": { tabSize: "2" },
  ".cm-gutters": { backgroundColor: "#f6f8fa", color: "#57606a", borderRight: "1px solid #d0d7de" },
  ".cm-activeLineGutter": { backgroundColor: "#e7ecf1", color: "#1f2328" },
});

export const YamlEditor = forwardRef<YamlEditorHandle, Props>(function YamlEditor({ text, onChange, errors, warnings, checked, label, schema }, handle) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, schema });
  latest.current = { onChange, schema };

  useEffect(() => {
    const complete = (context: CompletionContext): CompletionResult | null => {
      const found = keysAt(context.state.doc.toString(), context.pos, latest.current.schema);
      if (!found || (found.typed === "" && !context.explicit)) return null;
      return {
        from: context.pos - found.typed.length,
        options: found.keys.map((k) => ({ label: k.key, type: "property", apply: `${k.key}: `, boost: k.required ? 1 : 0, ...(k.description ? { info: k.description } : {}), ...(k.required ? { detail: "required" } : {}) })),
        validFor: /^[\w$-]*$/,
      };
    };
    // In a shadow root, CodeMirror's styles go into an adopted style sheet rather than a <style>
    // element, which the server's content security policy (style-src 'self') would refuse.
    const shadow = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: "open" });
    const editor = new EditorView({
      root: shadow,
      parent: shadow,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          editorTheme,
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          indentUnit.of("  "),
          bracketMatching(),
          highlightActiveLine(),
          highlightSelectionMatches(),
          yaml(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          lintGutter(),
          autocompletion({ override: [complete], icons: false }),
          keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap]),
          EditorView.contentAttributes.of({ "aria-label": label, "aria-multiline": "true", "data-testid": "source-text" }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((tr) => tr.isUserEvent("parley.sync"))) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Made once; text and problems follow in the effects below.
  }, []);

  // A change from elsewhere (the grid, a restore): replace the text, keeping the cursor near.
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current === text) return;
    const head = Math.min(editor.state.selection.main.head, text.length);
    editor.dispatch({ changes: { from: 0, to: current.length, insert: text }, selection: { anchor: head }, userEvent: "parley.sync", annotations: Transaction.addToHistory.of(false) });
  }, [text]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const doc = editor.state.doc;
    const fresh = checked && doc.toString() === text;
    editor.dispatch(setDiagnostics(editor.state, fresh ? editorDiagnostics(doc, errors, warnings) : []));
  }, [errors, warnings, checked, text]);

  useImperativeHandle(handle, () => ({
    goTo(line, column) {
      const editor = view.current;
      if (!editor) return;
      const at = offsetOf(editor.state.doc, line, column);
      editor.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "center" }) });
      editor.focus();
    },
  }));

  return <div ref={host} className="source code-editor" data-testid="source-editor" />;
});
