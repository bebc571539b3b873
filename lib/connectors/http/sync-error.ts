import { t, toLocale, type MessageKey } from "@/lib/i18n";

/**
 * A stored sync error (`sync_runs.error`, English, often the helpdesk's own words) for a reader in
 * `locale`: in English as stored; otherwise a sentence in their language saying what kind of problem
 * it is, with the stored text after it for the detail. Classified by the shapes the shared HTTP
 * client and run-sync write (client.ts, run-sync.ts); an unknown shape is shown as stored. Pure.
 */
const KINDS: [RegExp, MessageKey][] = [
  [/refused the credentials \(HTTP 401\)|did not recognise these credentials/, "syncErr.credentials"],
  [/denied access \(HTTP 403\)/, "syncErr.permissions"],
  [/did not answer within|could not be reached/, "syncErr.unreachable"],
  [/\(rate limit\)|kept answering 429/, "syncErr.rateLimit"],
  [/^Interrupted: /, "syncErr.interrupted"],
  [/^Database error: /, "syncErr.database"],
];

export function describeSyncError(locale: string, error: string | null | undefined): string {
  if (!error) return "";
  if (toLocale(locale) === "en") return error;
  const kind = KINDS.find(([re]) => re.test(error));
  return kind ? `${t(locale, kind[1])} (${error})` : error;
}
