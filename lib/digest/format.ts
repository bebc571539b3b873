import { describeContributor, type Contributor } from "@/lib/challenges/contributors";
import { describeValue, type Totals } from "@/lib/challenges/evaluate";
import { STATE_LABELS, type ChallengeState } from "@/lib/challenges/types";

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

export function buildDigest(d: DigestInput): { subject: string; text: string } {
  const lines: string[] = [`${d.teamName} — daily digest, ${d.day}`];
  if (d.challenges.length === 0) lines.push("", "No challenge is running.");
  for (const c of d.challenges) {
    lines.push("", `🎯 ${c.name}: ${c.daysLeft} ${c.daysLeft === 1 ? "day" : "days"} left — ${STATE_LABELS[c.state].toLowerCase()}`, `   Progress: ${c.progress}`, `   What it takes: ${c.whatItTakes}`);
  }
  lines.push("", "Today:");
  if (d.contributors.length === 0) lines.push("   No ratings or points yet today.");
  for (const c of d.contributors) lines.push(`   • ${describeContributor(c)}`);
  if (d.awards.length) lines.push("", ...d.awards);
  return { subject: `${d.teamName}: daily digest ${d.day}`, text: lines.join("\n") };
}

export { describeValue };
export type { Totals };
