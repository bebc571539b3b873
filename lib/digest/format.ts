import { describeContributor, type Contributor } from "@/lib/challenges/contributors";
import { describeValue, type Totals } from "@/lib/challenges/evaluate";
import type { ChallengeState } from "@/lib/challenges/types";
import { t as tr } from "@/lib/i18n";
import { word } from "@/lib/i18n/plural";

/**
 * The daily digest text, pure — what the seed's lead posted every day: days left, progress, who
 * brought ratings today (each contributor of a shared ticket with their share), new crowns and
 * nominations. Plain text with a few emoji, readable in Slack, Teams, Telegram and email alike.
 */

export type DigestChallenge = {
  name: string;
  daysLeft: number;
  state: ChallengeState;
  /** describeValue(spec, totals), e.g. "4.988 over 86 ratings (at least 100 needed)". */
  progress: string;
  whatItTakes: string;
};

export type DigestInput = {
  teamName: string;
  day: string;
  challenges: DigestChallenge[];
  contributors: Contributor[];
  /** e.g. "👑 Falcons holds the team CSAT crown for Q4 2026". */
  awards: string[];
};

/** The digest in `locale` (the team's language: see `teamDigestLocale`). */
export function buildDigest(d: DigestInput, locale = "en"): { subject: string; text: string } {
  const L = locale;
  const lines: string[] = [tr(L, "digText.header", { team: d.teamName, day: d.day })];
  if (d.challenges.length === 0) lines.push("", tr(L, "digText.noChallenge"));
  for (const c of d.challenges) {
    const days = `${c.daysLeft} ${word(L, c.daysLeft, "unit.day")}`;
    lines.push(
      "",
      tr(L, "digText.challenge", { name: c.name, days, state: tr(L, `ch.state.${c.state}`).toLowerCase() }),
      tr(L, "digText.progress", { value: c.progress }),
      tr(L, "digText.takes", { value: c.whatItTakes }),
    );
  }
  lines.push("", tr(L, "digText.today"));
  if (d.contributors.length === 0) lines.push(tr(L, "digText.noContributors"));
  for (const c of d.contributors) lines.push(`   • ${describeContributor(c, L)}`);
  if (d.awards.length) lines.push("", ...d.awards);
  return { subject: tr(L, "digText.subject", { team: d.teamName, day: d.day }), text: lines.join("\n") };
}

export { describeValue };
export type { Totals };
