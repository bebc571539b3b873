/**
 * Messages built in lib/ (zod field errors, SafeError texts) stay English where they are made, so
 * logs, thrown errors and existing callers keep reading them; the English dictionary text is their
 * id (as gettext's msgid). Where an action result is built, `localizeMessage` swaps a known English
 * text for the viewer's language; an unknown text (a zod default, a helpdesk's own detail) stays.
 * Only `err.*` keys are looked up, so page texts never match by accident. Pure.
 */
import { en } from "./en";
import { t, toLocale, type Locale, type MessageKey } from "./index";
import { num, word } from "./plural";

export type ErrKey = Extract<MessageKey, `err.${string}`>;
/**
 * A message as key + vars. `terms` are vars rendered in the message's language: a word of the
 * dictionaries (a field's label), a unit agreeing with a count, a number ("0,5" in Russian).
 */
export type Msg = { key: MessageKey; vars?: Record<string, string | number>; terms?: Record<string, Term> };
type Term = MessageKey | { key: MessageKey; count: number } | { number: number };

/** The English text of an error key, for a zod schema or a SafeError. */
export function msg(key: ErrKey, vars?: Record<string, string | number>): string {
  return t("en", key, vars);
}

type Pattern = { key: ErrKey; re: RegExp; names: string[] };
let exact: Map<string, ErrKey> | null = null;
let patterns: Pattern[] = [];

function index() {
  exact = new Map();
  patterns = [];
  for (const k of Object.keys(en) as MessageKey[]) {
    if (!k.startsWith("err.")) continue;
    const text: string = en[k];
    const names = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    if (names.length === 0) {
      if (!exact.has(text)) exact.set(text, k as ErrKey);
      continue;
    }
    const src = text.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("(.+?)");
    patterns.push({ key: k as ErrKey, re: new RegExp(`^${src}$`, "s"), names });
  }
}

/** The text in `locale` if it is a known English error text (with its `{vars}` carried over), else as is. */
export function localizeMessage(locale: string, text: string): string {
  const L: Locale = toLocale(locale);
  if (L === "en") return text;
  if (!exact) index();
  const k = exact!.get(text);
  if (k) return t(L, k);
  for (const p of patterns) {
    const m = p.re.exec(text);
    if (!m) continue;
    const vars: Record<string, string> = {};
    p.names.forEach((n, i) => (vars[n] = m[i + 1]!));
    return t(L, p.key, vars);
  }
  return text;
}

/** A message given as key + vars, in `locale`. */
export function render(locale: string, m: Msg): string {
  if (!m.terms) return t(locale, m.key, m.vars ?? {});
  const vars: Record<string, string | number> = { ...m.vars };
  for (const [name, term] of Object.entries(m.terms)) vars[name] = typeof term === "string" ? t(locale, term) : "number" in term ? num(locale, term.number) : word(locale, term.count, term.key);
  return t(locale, m.key, vars);
}

/** A zod issue's message in `locale`: English as made; else its `params.i18n` when it carries one, or its English text looked up. */
export function localizeIssue(locale: string, issue: { message: string; params?: Record<string, unknown> }): string {
  if (toLocale(locale) === "en") return issue.message;
  const m = issue.params?.i18n as Msg | undefined;
  return m && typeof m.key === "string" ? render(locale, m) : localizeMessage(locale, issue.message);
}

/** A result carrying English `message` and optionally `i18n`, with `message` in `locale`. */
export function localizeResult<T extends { message: string; i18n?: Msg }>(locale: string, r: T): T {
  if (toLocale(locale) === "en") return r;
  return { ...r, message: r.i18n ? render(locale, r.i18n) : localizeMessage(locale, r.message) };
}
