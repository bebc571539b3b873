import { and, asc, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { lines, ruleProposals, ruleSets, skillGroups, teams, users } from "@/db/schema";
import { AuthError, requireViewer, type Viewer } from "@/lib/auth/policy";
import { RuleConfigSchema } from "@/lib/scoring/rules";
import type { RuleConfig } from "@/lib/scoring/types";
import { loadRuleVersions } from "@/lib/sync/rule-sets";
import { describeRuleChanges } from "./changes";
import { canOpenRuleEditor, canProposeRules, canSaveRuleVersion } from "./policy";

export type RuleVersionView = {
  id: number;
  version: number;
  name: string;
  effectiveFrom: Date;
  createdBy: string | null;
  createdAt: Date;
  /** What changed against the previous version, in plain words. */
  changes: string[];
};

export type ProposalView = {
  id: number;
  name: string;
  effectiveFrom: Date;
  note: string;
  teamName: string | null;
  proposedBy: string | null;
  status: "open" | "applied" | "dismissed";
  resolution: string | null;
  createdAt: Date;
  /** Changes against the newest version today. */
  changes: string[];
  config: RuleConfig;
};

export type RuleEditorData = {
  canSave: boolean;
  canPropose: boolean;
  /** The newest version: the form starts from it (or from the proposal being reviewed). */
  latest: RuleVersionView & { config: RuleConfig };
  lines: { code: string; name: string }[];
  skillGroups: { id: number; name: string }[];
  /** Newest first. */
  versions: RuleVersionView[];
  /** Admins: every open proposal; leads: their own, open or answered. */
  proposals: ProposalView[];
};

const creator = alias(users, "creator");

/** The rule editor page: leads and admins; engineers and directors get 403. */
export async function getRuleEditor(db: Db, viewer: Viewer | null): Promise<RuleEditorData> {
  const v = requireViewer(viewer);
  if (!canOpenRuleEditor(v)) throw new AuthError(403);
  await loadRuleVersions(db); // version 1 exists from here on
  const [versionRows, lineRows, skillRows, proposalRows] = await Promise.all([
    db
      .select({
        id: ruleSets.id,
        version: ruleSets.version,
        name: ruleSets.name,
        effectiveFrom: ruleSets.effectiveFrom,
        createdAt: ruleSets.createdAt,
        createdBy: creator.name,
        config: ruleSets.config,
      })
      .from(ruleSets)
      .leftJoin(creator, eq(creator.id, ruleSets.createdByUserId))
      .orderBy(asc(ruleSets.version)),
    db.select({ code: lines.code, name: lines.name }).from(lines).orderBy(asc(lines.sortOrder), asc(lines.code)),
    db.select({ id: skillGroups.id, name: skillGroups.name }).from(skillGroups).orderBy(asc(skillGroups.name)),
    db
      .select({
        id: ruleProposals.id,
        name: ruleProposals.name,
        effectiveFrom: ruleProposals.effectiveFrom,
        note: ruleProposals.note,
        teamName: teams.name,
        proposedBy: creator.name,
        status: ruleProposals.status,
        resolution: ruleProposals.resolution,
        createdAt: ruleProposals.createdAt,
        config: ruleProposals.config,
      })
      .from(ruleProposals)
      .leftJoin(teams, eq(teams.id, ruleProposals.teamId))
      .leftJoin(creator, eq(creator.id, ruleProposals.proposedByUserId))
      .where(
        v.role === "admin" ? eq(ruleProposals.status, "open") : eq(ruleProposals.proposedByUserId, v.userId),
      )
      .orderBy(desc(ruleProposals.createdAt), desc(ruleProposals.id))
      .limit(50),
  ]);
  const names = { skillGroups: new Map(skillRows.map((s) => [s.id, s.name])) };
  let prev: RuleConfig | null = null;
  const versions = versionRows.map((r) => {
    const config = RuleConfigSchema.parse(r.config);
    const view = { ...r, config, changes: describeRuleChanges(prev, config, names, v.locale) };
    prev = config;
    return view;
  });
  const latest = versions[versions.length - 1]!;
  return {
    canSave: canSaveRuleVersion(v),
    canPropose: canProposeRules(v),
    latest,
    lines: lineRows,
    skillGroups: skillRows,
    versions: versions.reverse().map(({ config: _c, ...r }) => r),
    proposals: proposalRows.map((p) => {
      const config = RuleConfigSchema.parse(p.config);
      return { ...p, config, changes: describeRuleChanges(latest.config, config, names, v.locale) };
    }),
  };
}

/** One open proposal for an admin to load into the form. */
export async function getProposal(db: Db, viewer: Viewer | null, id: number) {
  const v = requireViewer(viewer);
  if (!canSaveRuleVersion(v)) throw new AuthError(403);
  const [p] = await db.select().from(ruleProposals).where(and(eq(ruleProposals.id, id), eq(ruleProposals.status, "open")));
  return p ? { ...p, config: RuleConfigSchema.parse(p.config) } : null;
}
