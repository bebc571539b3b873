/**
 * Messages built in lib/ (zod field errors, SafeError texts) stay English where they are made, so
 * logs, thrown errors and existing callers keep reading them; the English dictionary text is their
 * id (as gettext's msgid). Where an action result is built, `localizeMessage` swaps a known English
 * text for the viewer's language; an unknown text (a zod default, a helpdesk's own detail) stays.
 * Only `err.*` keys are looked up, so page texts never match by accident. Pure.
 */
import { en } from "./en";
import { t, toLocale, type Locale, type MessageKey } from "./index";

export type ErrKey = Extract<MessageKey, `err.${string}`>;
export type Msg = { key: MessageKey; vars?: Record<string, string | number> };

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
export const render = (locale: string, m: Msg) => t(locale, m.key, m.vars ?? {});

/** A result carrying English `message` and optionally `i18n`, with `message` in `locale`. */
export function localizeResult<T extends { message: string; i18n?: Msg }>(locale: string, r: T): T {
  if (toLocale(locale) === "en") return r;
  return { ...r, message: r.i18n ? render(locale, r.i18n) : localizeMessage(locale, r.message) };
}
