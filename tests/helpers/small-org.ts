import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, engineers, helpdeskGroups, lines, skillGroups, teams } from "@/db/schema";

/**
 * A tiny organisation for connector tests: lines L1/L2, two skill groups, one team and the
 * engineers given (by email), plus a connection of `kind` with its groups mapped in advance.
 */
export async function createSmallOrg(
  db: Db,
  opts: { kind: string; settings?: Record<string, unknown>; credentialsEncrypted?: string | null; engineers: { name: string; email: string; line: "L1" | "L2" }[] },
) {
  const lineRows = await db.insert(lines).values([{ code: "L1", name: "First line", sortOrder: 0 }, { code: "L2", name: "Second line", sortOrder: 1 }]).returning();
  const lineId = (code: string) => lineRows.find((l) => l.code === code)!.id;
  const skills = await db.insert(skillGroups).values([{ name: "Billing" }, { name: "Network" }]).returning();
  const [team] = await db.insert(teams).values({ name: "Owls" }).returning();
  const eng = opts.engineers.length
    ? await db
        .insert(engineers)
        .values(opts.engineers.map((e) => ({ displayName: e.name, email: e.email, teamId: team!.id, lineId: lineId(e.line) })))
        .returning()
    : [];
  const [conn] = await db
    .insert(connections)
    .values({ kind: opts.kind, name: `${opts.kind} test`, settings: opts.settings ?? {}, credentialsEncrypted: opts.credentialsEncrypted ?? null })
    .returning();
  const mapGroup = (externalId: string, name: string, skill: "Billing" | "Network", line: "L1" | "L2") =>
    db.insert(helpdeskGroups).values({ connectionId: conn!.id, externalId, name, skillGroupId: skills.find((s) => s.name === skill)!.id, lineId: lineId(line) });
  const engineerId = (email: string) => eng.find((e) => e.email === email)!.id;
  return { connectionId: conn!.id, lineId, engineerId, mapGroup, setSettings: (settings: Record<string, unknown>) => db.update(connections).set({ settings }).where(eq(connections.id, conn!.id)) };
}
