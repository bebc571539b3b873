import { eq, sql } from "drizzle-orm";
import { cache } from "react";
import type { Db } from "@/db/client";
import { engineers, lines, teams } from "@/db/schema";
import { crownsWonOf } from "@/lib/crowns/won";

export type EngineerCard = {
  id: number;
  name: string;
  active: boolean;
  teamId: number | null;
  teamName: string | null;
  teamTimeZone: string | null;
  lineId: number | null;
  lineCode: string | null;
  lineName: string | null;
  skills: { id: number; name: string }[];
  /** Final crowns won ("crowns won" on the profile). */
  crownsWon: number;
};

/**
 * An engineer with their team, line, skill groups and crowns won, in one statement. Memoised per server render
 * (React `cache`): the engineer page's header and the access checks of its four data functions
 * share one read. Outside a render (jobs, tests, actions) it reads every time.
 */
export const engineerCard = cache(async (db: Db, id: number): Promise<EngineerCard | undefined> => {
  const [e] = await db
    .select({
      id: engineers.id,
      name: engineers.displayName,
      active: engineers.active,
      teamId: engineers.teamId,
      teamName: teams.name,
      teamTimeZone: teams.timeZone,
      lineId: engineers.lineId,
      lineCode: lines.code,
      lineName: lines.name,
      skills: sql<unknown>`coalesce((
        select json_agg(json_build_object('id', sg.id, 'name', sg.name) order by sg.name)
        from engineer_skill_groups es join skill_groups sg on sg.id = es.skill_group_id
        where es.engineer_id = "engineers"."id"), '[]'::json)`,
      // Qualified by hand: see crownsWonOf.
      crownsWon: crownsWonOf(sql`"engineers"."id"`),
    })
    .from(engineers)
    .leftJoin(teams, eq(teams.id, engineers.teamId))
    .leftJoin(lines, eq(lines.id, engineers.lineId))
    .where(eq(engineers.id, id))
    .limit(1);
  if (!e) return undefined;
  // json arrives parsed from postgres.js and as text from some drivers.
  const skills = (typeof e.skills === "string" ? JSON.parse(e.skills) : e.skills) as { id: number; name: string }[];
  return { ...e, skills: skills.map((s) => ({ id: Number(s.id), name: String(s.name) })) };
});

/** An engineer's id and team, which every access check on their data needs (the card, shared per render). */
export const engineerScope = cache(async (db: Db, id: number): Promise<{ id: number; teamId: number | null } | undefined> => {
  const e = await engineerCard(db, id);
  return e && { id: e.id, teamId: e.teamId };
});
