import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, engineerSkillGroups, engineers, helpdeskGroups, lines, skillGroups, teams } from "@/db/schema";
import { DEMO_LINES, DEMO_SKILLS, DEMO_TEAMS, demoGroups, demoRoster } from "./roster";

/**
 * The demo organisation: lines, skill groups, teams, an engineer per demo agent, and a `demo`
 * connection with its helpdesk groups mapped. Used by the app's first start and by tests.
 * Idempotent: rows that exist are left as they are (an admin may have edited them since).
 */

export type DemoOrganisation = {
  connectionId: number;
  lineIds: Record<string, number>;
  /** By index of DEMO_SKILLS. */
  skillGroupIds: number[];
  teamIds: Record<string, number>;
  /** Engineer id by demo agent external id. */
  engineerIds: Record<string, number>;
};

export const DEMO_CONNECTION_NAME = "Demo helpdesk";

/** The history start for a demo created at `now`: midnight UTC, `historyDays` before. */
export function demoHistoryStart(now: Date, historyDays: number): string {
  return new Date(now.getTime() - historyDays * 86_400_000).toISOString().slice(0, 10);
}

export async function installDemoOrganisation(
  db: Db,
  opts: { now: Date; historyDays: number; seed: number },
): Promise<DemoOrganisation> {
  const roster = demoRoster();
  return db.transaction(async (tx) => {
    await tx
      .insert(lines)
      .values(DEMO_LINES.map((l, i) => ({ code: l.code, name: l.name, sortOrder: i })))
      .onConflictDoNothing();
    await tx.insert(skillGroups).values(DEMO_SKILLS.map((name) => ({ name }))).onConflictDoNothing();
    await tx.insert(teams).values(DEMO_TEAMS.map((name) => ({ name }))).onConflictDoNothing();

    const lineRows = await tx.select().from(lines).where(inArray(lines.code, DEMO_LINES.map((l) => l.code)));
    const skillRows = await tx.select().from(skillGroups).where(inArray(skillGroups.name, [...DEMO_SKILLS]));
    const teamRows = await tx.select().from(teams).where(inArray(teams.name, [...DEMO_TEAMS]));
    const lineIds = Object.fromEntries(lineRows.map((r) => [r.code, r.id]));
    const skillByName = new Map(skillRows.map((r) => [r.name, r.id]));
    const skillGroupIds = DEMO_SKILLS.map((name) => skillByName.get(name)!);
    const teamIds = Object.fromEntries(teamRows.map((r) => [r.name, r.id]));

    // Conflicts on the lower(email) index: an engineer with that email already exists.
    await tx
      .insert(engineers)
      .values(roster.map((a) => ({ displayName: a.name, email: a.email, teamId: teamIds[a.team], lineId: lineIds[a.lineCode] })))
      .onConflictDoNothing();
    const emails = roster.map((a) => a.email.toLowerCase());
    const engineerRows = await tx
      .select({ id: engineers.id, email: engineers.email })
      .from(engineers)
      .where(inArray(sql`lower(${engineers.email})`, emails));
    const byEmail = new Map(engineerRows.map((r) => [r.email!.toLowerCase(), r.id]));
    const engineerIds = Object.fromEntries(roster.map((a) => [a.externalId, byEmail.get(a.email.toLowerCase())!]));

    // Skills only for engineers that have none yet: an edited engineer keeps its edits.
    const withSkills = await tx
      .selectDistinct({ id: engineerSkillGroups.engineerId })
      .from(engineerSkillGroups)
      .where(inArray(engineerSkillGroups.engineerId, Object.values(engineerIds)));
    const skilled = new Set(withSkills.map((r) => r.id));
    const skillLinks = roster
      .filter((a) => !skilled.has(engineerIds[a.externalId]!))
      .flatMap((a) => a.skills.map((s) => ({ engineerId: engineerIds[a.externalId]!, skillGroupId: skillGroupIds[s]! })));
    if (skillLinks.length) await tx.insert(engineerSkillGroups).values(skillLinks).onConflictDoNothing();

    let [conn] = await tx
      .select({ id: connections.id })
      .from(connections)
      .where(eq(connections.kind, "demo"))
      .orderBy(connections.id)
      .limit(1);
    if (!conn) {
      [conn] = await tx
        .insert(connections)
        .values({
          kind: "demo",
          name: DEMO_CONNECTION_NAME,
          settings: { seed: opts.seed, historyStart: demoHistoryStart(opts.now, opts.historyDays) },
        })
        .returning({ id: connections.id });
    }
    const connectionId = conn!.id;
    await tx
      .insert(helpdeskGroups)
      .values(
        demoGroups().map((g) => ({
          connectionId,
          externalId: g.externalId,
          name: g.name,
          skillGroupId: skillGroupIds[g.skill],
          lineId: lineIds[g.lineCode],
        })),
      )
      .onConflictDoNothing();

    return { connectionId, lineIds, skillGroupIds, teamIds, engineerIds };
  });
}
