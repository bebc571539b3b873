/** Pure maths of the engineer page's daily progress chart (issue #5). No I/O. */

export type GoalPeriod = "week" | "quarter";
export type PersonalGoal = { period: GoalPeriod; points: number };
export type DayPoints = { date: string; label: string; points: number };
export type ProgressPoint = { date: string; label: string; total: number | null };

/** Cumulative points per day from weekStart on (days before it are dropped), rounded to 3 places. */
export function cumulativeFrom(days: DayPoints[], weekStart: string): ProgressPoint[] {
  let running = 0;
  return days
    .filter((d) => d.date >= weekStart)
    .map((d) => ({ date: d.date, label: d.label, total: Math.round((running += d.points) * 1000) / 1000 }));
}

/**
 * The whole week, Monday to Sunday: days not yet lived get no total (the chart leaves them empty,
 * so the x axis shows how much of the week is left). `label` names a day from its YYYY-MM-DD.
 */
export function fullWeek(known: ProgressPoint[], weekStart: string, label: (date: string) => string): ProgressPoint[] {
  const byDate = new Map(known.map((p) => [p.date, p]));
  const start = Date.parse(`${weekStart}T00:00:00Z`);
  return Array.from({ length: 7 }, (_, i) => {
    const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    return byDate.get(date) ?? { date, label: label(date), total: null };
  });
}

/**
 * The goal's line on a weekly chart: a weekly goal as it is; a quarterly goal as its even weekly
 * pace (goal ÷ weeks in the quarter), so both read against the same cumulative week.
 */
export function weeklyGoalLine(goal: PersonalGoal | null, weeksInQuarter: number): number | null {
  if (!goal) return null;
  if (goal.period === "week") return goal.points;
  return Math.round((goal.points / Math.max(1, weeksInQuarter)) * 1000) / 1000;
}

/** Whole or partial ISO weeks a quarter spans, from its local first and last day (YYYY-MM-DD). */
export function weeksInQuarter(startDate: string, endDateExclusive: string): number {
  const days = (Date.parse(`${endDateExclusive}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000;
  return Math.max(1, Math.round(days / 7));
}
