/** Number and date formatting shared by the pages (server side; plain functions). */

import { intlTag } from "@/lib/i18n";
import { dateTimeFormat } from "@/lib/i18n/intl-cache";

// Formatters per locale, built once: the boards format hundreds of numbers per request.
const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: string, kind: "points" | "average"): Intl.NumberFormat {
  const key = `${intlTag(locale)}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(intlTag(locale), kind === "points" ? { maximumFractionDigits: 2 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    cache.set(key, f);
  }
  return f;
}

/** Points in the viewer's locale (default English: "1,234.5"; Russian "1 234,5"). */
export function formatPoints(n: number, locale = "en"): string {
  // Avoid "-0" for a revoked row worth nothing.
  return nf(locale, "points").format(Object.is(n, -0) ? 0 : n);
}

export function formatAverage(n: number | null, locale = "en"): string {
  return n === null ? "—" : nf(locale, "average").format(n);
}

export function formatSigned(n: number, locale = "en"): string {
  const average = nf(locale, "average");
  return n > 0 ? `+${average.format(n)}` : average.format(n);
}

export function formatDateTime(d: Date, timeZone: string, locale = "en"): string {
  return dateTimeFormat(intlTag(locale), { timeZone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(d);
}

export function formatDate(d: Date, timeZone: string, locale = "en"): string {
  return dateTimeFormat(intlTag(locale), { timeZone, day: "numeric", month: "short", year: "numeric" }).format(d);
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "running";
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

export const ROLE_LABELS = { engineer: "Engineer", lead: "Team lead", director: "Director", admin: "Admin" } as const;
