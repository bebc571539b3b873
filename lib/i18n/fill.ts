/**
 * `{name}` placeholders filled from vars; an unknown one is left as is. Its own module, with no
 * dictionary import, so client components can fill the texts their page passed them.
 */
export function fill(text: string, vars: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}

/** Like `fill`, but the values may be React nodes (a `<strong>` with a test id): returns the pieces in order. */
export function fillParts<T>(text: string, vars: Record<string, T>): (string | T)[] {
  return text.split(/(\{\w+\})/).filter((p) => p !== "").map((p) => {
    const k = /^\{(\w+)\}$/.exec(p)?.[1];
    return k !== undefined && k in vars ? vars[k]! : p;
  });
}
