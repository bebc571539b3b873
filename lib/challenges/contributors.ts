import { t as tr } from "@/lib/i18n";
import { num, word } from "@/lib/i18n/plural";

/**
 * Today's contributors, pure: who brought ratings (each contributor of a shared ticket with their
 * share of it, after the seed's lead who "noted each one's contribution") and who earned points.
 */

export type RatingShareRow = {
  ratingId: number;
  score: number;
  ticketRef: string;
  engineerId: number;
  name: string;
  inScope: boolean;
  /** 0–1: the engineer's part of the ticket (their points over the ticket's points; equal split without points). */
  share: number;
};

export type PointsRow = { engineerId: number; name: string; points: number };

export type ContributorTicket = { ticketRef: string; score: number; share: number; others: string[] };

export type Contributor = {
  engineerId: number;
  name: string;
  /** Ratings brought today, shared tickets counted by share (1 + 0.5 = 1.5). */
  ratings: number;
  fiveStars: number;
  points: number;
  tickets: ContributorTicket[];
};

export function buildContributors(ratingRows: RatingShareRow[], pointRows: PointsRow[]): Contributor[] {
  const byEngineer = new Map<number, Contributor>();
  const get = (id: number, name: string) => {
    let c = byEngineer.get(id);
    if (!c) byEngineer.set(id, (c = { engineerId: id, name, ratings: 0, fiveStars: 0, points: 0, tickets: [] }));
    return c;
  };
  const byRating = new Map<number, RatingShareRow[]>();
  for (const r of ratingRows) byRating.set(r.ratingId, [...(byRating.get(r.ratingId) ?? []), r]);
  for (const rows of byRating.values()) {
    for (const r of rows) {
      if (!r.inScope) continue;
      const c = get(r.engineerId, r.name);
      c.ratings += r.share;
      if (r.score >= 5) c.fiveStars += r.share;
      c.tickets.push({
        ticketRef: r.ticketRef,
        score: r.score,
        share: r.share,
        others: rows.filter((o) => o.engineerId !== r.engineerId).map((o) => `${o.name} ${Math.round(o.share * 100)} %`),
      });
    }
  }
  for (const p of pointRows) get(p.engineerId, p.name).points += p.points;
  return [...byEngineer.values()]
    .map((c) => ({ ...c, ratings: round2(c.ratings), fiveStars: round2(c.fiveStars), points: round2(c.points) }))
    .sort((a, b) => b.ratings - a.ratings || b.points - a.points || a.name.localeCompare(b.name));
}

/** "Anna: 1.5 ratings (#812 ★5 shared, 50 % with Boris 50 %; #815 ★5), 12 points", in `locale`. */
export function describeContributor(c: Contributor, locale = "en"): string {
  const L = locale;
  const parts: string[] = [];
  if (c.ratings > 0) {
    const tickets = c.tickets
      .map((t) => `#${t.ticketRef} ★${num(L, t.score)}${t.others.length ? tr(L, "contrib.shared", { pct: Math.round(t.share * 100), others: t.others.join(", ") }) : ""}`)
      .join("; ");
    parts.push(tr(L, "contrib.ratings", { n: num(L, c.ratings), ratings: word(L, c.ratings, "unit.rating"), tickets }));
  }
  if (c.points !== 0) parts.push(tr(L, "contrib.points", { n: num(L, c.points), points: word(L, c.points, "unit.point") }));
  return tr(L, "contrib.line", { name: c.name, parts: parts.join(", ") || tr(L, "contrib.nothing") });
}

const round2 = (n: number) => Math.round(n * 100) / 100;
