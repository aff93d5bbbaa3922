/**
 * The scenario's parts as lists, each editable in place: its title, the sources, the actors, the
 * issues (with their scales and anchors or their options and status quo), the named deals, the
 * criteria and the traps. Every list can be added to, renamed, reordered and pruned; each change
 * is a structural edit of the YAML text (web/src/structure.ts) and is validated like any other.
 */
import { useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { text as labelText, type Language } from "../../../src/scenario/label.js";
import { useLanguage } from "../format.js";
import { addEntry, idFromName, moveEntry, removeEntry, setIn, setLabel, type ListKey } from "../structure.js";
import { useWorkspace } from "../workspace.js";
import { plainData, type YamlPath } from "../yamlEdit.js";
import { AddActor, AddIssue } from "./AddForms.js";
import { SourceTexts } from "./SourceTexts.js";

type Plain = Record<string, unknown>;
const asList = (v: unknown): Plain[] => (Array.isArray(v) ? v.filter((x): x is Plain => x !== null && typeof x === "object") : []);
const written = (label: unknown, language: Language): string => (typeof label === "string" ? label : label && typeof label === "object" ? labelText(label as { en?: string; zh?: string }, language) : "");

/** A text field that writes on Enter or when it loses focus, not on every key. */
export function CommitInput({ value, onCommit, label, className, multiline, testId }: { value: string; onCommit: (v: string) => void; label: string; className?: string; multiline?: boolean; testId?: string }) {
  const [draft, setDraft] = useState<string>();
  const commit = () => {
    if (draft !== undefined && draft !== value) onCommit(draft);
    setDraft(undefined);
  };
  const props = {
    "aria-label": label,
    className,
    value: draft ?? value,
    "data-testid": testId,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: commit,
  };
  return multiline ? (
    <textarea rows={2} {...props} />
  ) : (
    <input
      {...props}
      onKeyDown={(e) => {
        if (e.key === "Enter") commit();
        if (e.key === "Escape") setDraft(undefined);
      }}
    />
  );
}

export function SetupView() {
  const ws = useWorkspace();
  const { t } = useTranslation();
  const language = useLanguage();
  const data = useMemo(() => plainData(ws.text) as Plain | undefined, [ws.text]);
  const apply = (change: (text: string) => string) => {
    try {
      ws.setText(change(ws.text));
    } catch (error) {
      window.alert(error instanceof Error ? error.message : String(error));
    }
  };
  if (!data || typeof data !== "object") return <p className="problems">{t("build.fixSyntax")}</p>;
  const label = (path: YamlPath, name: string, testId?: string) => {
    let node: unknown = data;
    for (const key of path) node = node && typeof node === "object" ? (node as Record<string | number, unknown>)[key] : undefined;
    return <CommitInput value={written(node, language)} label={name} onCommit={(v) => apply((x) => setLabel(x, path, v, language))} {...(testId ? { testId } : {})} />;
  };

  return (
    <div className="setup-view" data-testid="setup-view">
      <header className="view-header">
        <h2>{t("build.setupTitle")}</h2>
        <p className="hint">{t("build.setupHint")}</p>
      </header>
      <section className="setup-section">
        <h3>{t("build.scenario")}</h3>
        <div className="field-grid">
          <span>{t("build.title")}</span>
          {label(["title"], t("build.title"), "setup-title")}
          <span>{t("build.description")}</span>
          <CommitInput multiline value={written(data["description"], language)} label={t("build.description")} onCommit={(v) => apply((x) => (v.trim() === "" ? setIn(x, ["description"], undefined) : setLabel(x, ["description"], v, language)))} />
          <span>{t("build.id")}</span>
          <code>{String(data["id"] ?? "")}</code>
        </div>
      </section>

      <ListSection title={t("build.actors")} listKey="actors" items={asList(data["actors"])} apply={apply} empty={t("build.noActors")} render={(item, k) => (
        <>
          {label(["actors", k, "name"], t("build.actorName", { n: k + 1 }))}
          <code className="id">{String(item["id"])}</code>
        </>
      )}>
        <AddActor apply={apply} />
      </ListSection>

      <ListSection title={t("build.issues")} listKey="issues" items={asList(data["issues"])} apply={apply} empty={t("build.noIssues")} render={(item, k) => <IssueDetails item={item} index={k} apply={apply} />}>
        <AddIssue apply={apply} />
      </ListSection>

      <ListSection title={t("build.sources")} listKey="sources" items={asList(data["sources"])} apply={apply} empty={t("build.noSources")} render={(item, k) => (
        <>
          {label(["sources", k, "title"], t("build.sourceTitle", { n: k + 1 }))}
          <code className="id">{String(item["id"])}</code>
          <CommitInput value={String(item["url"] ?? "")} label={t("build.sourceUrl")} className="url" onCommit={(v) => apply((x) => setIn(x, ["sources", k, "url"], v.trim() || undefined))} />
        </>
      )}>
        <AddNamed apply={apply} listKey="sources" field="title" placeholder={t("build.newSourceHint")} button={t("build.addSource")} />
        <SourceTexts sources={asList(data["sources"]).map((s) => ({ id: String(s["id"]), file: typeof s["file"] === "string" ? s["file"] : undefined, title: written(s["title"], language) }))} apply={apply} />
      </ListSection>

      <ListSection title={t("build.deals")} listKey="deals" items={asList(data["deals"])} apply={apply} empty={t("build.noDeals")} render={(item, k) => (
        <>
          {label(["deals", k, "name"], t("build.dealName", { n: k + 1 }))}
          <code className="id">{String(item["id"])}</code>
          <span className="muted small-text">{dealSummary(data, item, language)}</span>
        </>
      )} />

      {(["criteria", "traps"] as const).map((key) => (
        <ListSection key={key} title={t(`deal.${key}`)} listKey={key} items={asList(data[key])} apply={apply} empty={t(`build.no.${key}`)} render={(item, k) => (
          <>
            {label([key, k, "name"], t("build.ruleName", { n: k + 1 }))}
            <CommitInput value={String(item["rule"] ?? "")} label={t("build.ruleOf", { name: written(item["name"], language) })} className="rule" onCommit={(v) => apply((x) => setIn(x, [key, k, "rule"], v))} />
            <RuleError path={`${key}[${k}].rule`} />
          </>
        )}>
          <AddRule apply={apply} listKey={key} />
        </ListSection>
      ))}
    </div>
  );
}

function RuleError({ path }: { path: string }) {
  const ws = useWorkspace();
  const errors = ws.errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`));
  if (errors.length === 0) return null;
  return (
    <span className="cell-error" role="alert">
      {errors.map((e) => e.message).join("; ")}
    </span>
  );
}

function ListSection({ title, listKey, items, apply, empty, render, children }: { title: string; listKey: ListKey; items: Plain[]; apply: (c: (x: string) => string) => void; empty: string; render: (item: Plain, index: number) => ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const minimum = listKey === "actors" ? 2 : listKey === "issues" ? 1 : 0;
  return (
    <section className="setup-section" data-list={listKey}>
      <h3>
        {title} <span className="muted small-text">({items.length})</span>
      </h3>
      {items.length === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <ol className="setup-list">
          {items.map((item, k) => {
            const name = written(item["name"] ?? item["title"], language) || String(item["id"]);
            return (
              <li key={`${String(item["id"])}-${k}`} data-id={String(item["id"])}>
                <div className="entry">{render(item, k)}</div>
                <div className="entry-actions">
                  <button type="button" className="icon" aria-label={t("build.moveUpNamed", { name })} disabled={k === 0} onClick={() => apply((x) => moveEntry(x, listKey, k, -1))}>
                    ↑
                  </button>
                  <button type="button" className="icon" aria-label={t("build.moveDownNamed", { name })} disabled={k === items.length - 1} onClick={() => apply((x) => moveEntry(x, listKey, k, 1))}>
                    ↓
                  </button>
                  <button
                    type="button"
                    className="icon"
                    aria-label={t("build.removeNamed", { name })}
                    title={items.length <= minimum ? t("build.keepMinimum", { count: minimum }) : undefined}
                    disabled={items.length <= minimum}
                    onClick={() => {
                      if (window.confirm(t("build.confirmRemove", { name }))) apply((x) => removeEntry(x, listKey, k));
                    }}
                  >
                    ✕
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {children}
    </section>
  );
}

function AddNamed({ apply, listKey, field, placeholder, button }: { apply: (c: (x: string) => string) => void; listKey: ListKey; field: "name" | "title"; placeholder: string; button: string }) {
  const [value, setValue] = useState("");
  const add = () => {
    if (value.trim() === "") return;
    apply((x) => addEntry(x, listKey, { [field]: value.trim() }, listKey === "sources" ? "source" : "item").text);
    setValue("");
  };
  return (
    <div className="add-form">
      <input aria-label={placeholder} placeholder={placeholder} value={value} onChange={(e) => setValue(e.target.value)} onKeyDown={(e) => e.key === "Enter" && add()} />
      <button type="button" onClick={add}>
        {button}
      </button>
    </div>
  );
}

function AddRule({ apply, listKey }: { apply: (c: (x: string) => string) => void; listKey: "criteria" | "traps" }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [rule, setRule] = useState("");
  const add = () => {
    if (name.trim() === "" || rule.trim() === "") return;
    apply((x) => addEntry(x, listKey, { name: name.trim(), rule: rule.trim() }, listKey === "criteria" ? "criterion" : "trap").text);
    setName("");
    setRule("");
  };
  return (
    <div className="add-form">
      <input aria-label={t("build.newRuleName")} placeholder={t("build.newRuleName")} value={name} onChange={(e) => setName(e.target.value)} />
      <input aria-label={t("build.newRule")} className="rule" placeholder={t("build.newRuleHint")} value={rule} onChange={(e) => setRule(e.target.value)} onKeyDown={(e) => e.key === "Enter" && add()} />
      <button type="button" onClick={add}>
        {t(listKey === "criteria" ? "build.addCriterion" : "build.addTrap")}
      </button>
    </div>
  );
}

/** An issue's name, and its scale with anchors or its options, each editable; its status quo. */
function IssueDetails({ item, index, apply }: { item: Plain; index: number; apply: (c: (x: string) => string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const base: YamlPath = ["issues", index];
  const scale = item["scale"] as Plain | undefined;
  const options = asList(item["options"]);
  const reference = item["reference"];
  const refValue = reference && typeof reference === "object" ? (reference as Plain)["value"] : reference;
  return (
    <div className="issue-details">
      <CommitInput value={written(item["name"], language)} label={t("build.issueNameOf", { n: index + 1 })} onCommit={(v) => apply((x) => setLabel(x, [...base, "name"], v, language))} />
      <code className="id">{String(item["id"])}</code>
      {scale ? (
        <div className="scale-edit">
          <label className="inline">
            {t("build.min")} <CommitInput className="narrow" value={String(scale["min"] ?? "")} label={t("build.minOf", { issue: written(item["name"], language) || String(item["id"]) })} onCommit={(v) => apply((x) => setIn(x, [...base, "scale", "min"], Number(v)))} />
          </label>
          <label className="inline">
            {t("build.max")} <CommitInput className="narrow" value={String(scale["max"] ?? "")} label={t("build.maxOf", { issue: written(item["name"], language) || String(item["id"]) })} onCommit={(v) => apply((x) => setIn(x, [...base, "scale", "max"], Number(v)))} />
          </label>
          <label className="inline">
            {t("evidence.statusQuo")} <CommitInput className="narrow" value={refValue === undefined ? "" : String(refValue)} label={t("build.statusQuoOf", { issue: written(item["name"], language) || String(item["id"]) })} onCommit={(v) => apply((x) => setIn(x, [...base, "reference"], v.trim() === "" ? undefined : Number(v)))} />
          </label>
          <ul className="anchor-edit">
            {Object.entries((scale["anchors"] as Plain | undefined) ?? {}).map(([value, anchor]) => (
              <li key={value}>
                <span className="anchor-value">{value}</span>
                <CommitInput value={written(anchor, language)} label={t("build.anchorAt", { value })} onCommit={(v) => apply((x) => (v.trim() === "" ? setIn(x, [...base, "scale", "anchors", value], undefined) : setLabel(x, [...base, "scale", "anchors", value], v, language)))} />
              </li>
            ))}
          </ul>
          <AddAnchor apply={apply} base={base} />
        </div>
      ) : (
        <div className="options-edit">
          <ol>
            {options.map((o, k) => (
              <li key={String(o["id"])}>
                <CommitInput value={written(o["label"], language)} label={t("build.optionLabel", { n: k + 1 })} onCommit={(v) => apply((x) => setLabel(x, [...base, "options", k, "label"], v, language))} />
                <code className="id">{String(o["id"])}</code>
                {refValue === o["id"] && <span className="badge ok">{t("deal.statusQuoShort")}</span>}
                {refValue !== o["id"] && (
                  <button type="button" className="small" onClick={() => apply((x) => setIn(x, [...base, "reference"], String(o["id"])))}>
                    {t("build.makeStatusQuo")}
                  </button>
                )}
              </li>
            ))}
          </ol>
          <AddOption apply={apply} base={base} taken={options.map((o) => String(o["id"]))} />
        </div>
      )}
    </div>
  );
}

function AddAnchor({ apply, base }: { apply: (c: (x: string) => string) => void; base: YamlPath }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [value, setValue] = useState("");
  const [text, setText] = useState("");
  const add = () => {
    if (!/^-?\d+(\.\d+)?$/.test(value.trim()) || text.trim() === "") return;
    apply((x) => setLabel(x, [...base, "scale", "anchors", value.trim()], text, language));
    setValue("");
    setText("");
  };
  return (
    <div className="add-form">
      <input className="narrow" inputMode="decimal" aria-label={t("build.newAnchorValue")} placeholder="50" value={value} onChange={(e) => setValue(e.target.value)} />
      <input aria-label={t("build.newAnchorLabel")} placeholder={t("build.anchorLabelHint")} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === "Enter" && add()} />
      <button type="button" onClick={add}>
        {t("build.addAnchor")}
      </button>
    </div>
  );
}

function AddOption({ apply, base, taken }: { apply: (c: (x: string) => string) => void; base: YamlPath; taken: string[] }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const add = () => {
    if (text.trim() === "") return;
    apply((x) => addEntryAt(x, [...base, "options"], text.trim(), taken));
    setText("");
  };
  return (
    <div className="add-form">
      <input aria-label={t("build.newOption")} placeholder={t("build.newOption")} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === "Enter" && add()} />
      <button type="button" onClick={add}>
        {t("build.addOption")}
      </button>
    </div>
  );
}

/** A new option at the end of an issue's list, placed at the top of the 0–100 scale. */
function addEntryAt(text: string, path: YamlPath, label: string, taken: string[]): string {
  const data = plainData(text) as Plain;
  let node: unknown = data;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  const list = Array.isArray(node) ? node : [];
  return setIn(text, [...path, list.length], { id: idFromName(label, taken, "option"), label, place: 100 });
}

/** What a deal sets, by issue name and option label (ids where the names are not written yet). */
function dealSummary(data: Plain, deal: Plain, language: Language): string {
  const issues = asList(data["issues"]);
  return Object.entries((deal["values"] as Plain | undefined) ?? {})
    .map(([id, v]) => {
      const issue = issues.find((i) => i["id"] === id);
      const raw = typeof v === "object" && v ? ((v as Plain)["option"] ?? (v as Plain)["value"]) : v;
      const option = issue ? asList(issue["options"]).find((o) => o["id"] === raw) : undefined;
      const value = option ? written(option["label"], language) || String(raw) : String(raw);
      return `${(issue && written(issue["name"], language)) || id}: ${value}`;
    })
    .join("; ");
}
