/** Number and date formatting shared by the pages (server side; plain functions). */

const points = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const average = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatPoints(n: number): string {
  // Avoid "-0" for a revoked row worth nothing.
  return points.format(Object.is(n, -0) ? 0 : n);
}

export function formatAverage(n: number | null): string {
  return n === null ? "—" : average.format(n);
}

export function formatSigned(n: number): string {
  return n > 0 ? `+${average.format(n)}` : average.format(n);
}

export function formatDateTime(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(d);
}

export function formatDate(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric" }).format(d);
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
