/**
 * The demo organisation: who works in the demo helpdesk. Deterministic, so the demo helpdesk
 * (lib/connectors/demo) and the demo seed (db/seed.ts) agree on every agent without talking.
 */

export const DEMO_TEAMS = ["Falcons", "Комета", "Northwind", "Байкал", "Aurora", "Otters"] as const;

export const DEMO_LINES = [
  { code: "L1", name: "First line" },
  { code: "L2", name: "Second line" },
  { code: "L3", name: "Third line" },
] as const;

export const DEMO_SKILLS = [
  "Accounts & sign-in",
  "Billing",
  "Reports export/import",
  "Integrations & API",
  "Mobile apps",
] as const;

const LATIN_FIRST = ["Anna", "James", "Maria", "Lucas", "Sofia", "Noah", "Emma", "Liam", "Olivia", "Mateo", "Chloe", "Kenji", "Aiko", "Giulia", "Marco", "Elena", "Pierre", "Camille", "Jonas", "Nora"];
const LATIN_LAST = ["Smith", "Rossi", "Dubois", "Tanaka", "Müller", "García", "Novak", "Jensen", "O'Brien", "Silva", "Kowalski", "Bianchi", "Lefèvre", "Sato", "Weber"];
const CYR_FIRST = ["Иван", "Ольга", "Дмитрий", "Анна", "Сергей", "Мария", "Алексей", "Екатерина", "Никита", "Татьяна", "Павел", "Юлия", "Михаил", "Наталья", "Артём"];
const CYR_LAST_M = ["Петров", "Иванов", "Смирнов", "Кузнецов", "Соколов", "Попов", "Лебедев", "Козлов", "Новиков", "Морозов"];
const CYR_LAST_F = ["Петрова", "Иванова", "Смирнова", "Кузнецова", "Соколова", "Попова", "Лебедева", "Козлова", "Новикова", "Морозова"];
const CYR_FEMALE = new Set(["Ольга", "Анна", "Мария", "Екатерина", "Татьяна", "Юлия", "Наталья"]);

const TRANSLIT: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l", м: "m",
  н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch",
  ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

function emailLocal(name: string): string {
  return name
    .toLowerCase()
    .split("")
    .map((c) => TRANSLIT[c] ?? c)
    .join("")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");
}

export type DemoAgent = {
  /** The agent's id in the demo helpdesk. */
  externalId: string;
  name: string;
  email: string;
  team: (typeof DEMO_TEAMS)[number];
  lineCode: "L1" | "L2" | "L3";
  /** Indexes into DEMO_SKILLS: one or two specialities. */
  skills: number[];
};

export const DEMO_AGENT_COUNT = 60;

/** 60 agents, 10 per team; each team has L1, L2 and L3 people; a third have Cyrillic names. */
export function demoRoster(): DemoAgent[] {
  const agents: DemoAgent[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < DEMO_AGENT_COUNT; i++) {
    const cyrillic = i % 3 === 1;
    let name = "";
    // Walk the surname list until the full name is unused, so every demo name is unique.
    for (let k = 0; name === "" || taken.has(name); k++) {
      if (cyrillic) {
        const first = CYR_FIRST[(i * 7) % CYR_FIRST.length]!;
        name = `${first} ${(CYR_FEMALE.has(first) ? CYR_LAST_F : CYR_LAST_M)[(i * 3 + k) % 10]}`;
      } else {
        name = `${LATIN_FIRST[(i * 11) % LATIN_FIRST.length]} ${LATIN_LAST[(i * 5 + k) % LATIN_LAST.length]}`;
      }
    }
    taken.add(name);
    const slot = Math.floor(i / DEMO_TEAMS.length); // 0..9 within the team
    const lineCode = slot < 4 ? "L1" : slot < 8 ? "L2" : "L3";
    const primary = (i + slot) % DEMO_SKILLS.length;
    const skills = slot % 3 === 0 ? [primary, (primary + 2) % DEMO_SKILLS.length] : [primary];
    agents.push({
      externalId: `agent-${100 + i}`,
      name,
      email: `${emailLocal(name)}.${100 + i}@helpdesk.podium.demo`,
      team: DEMO_TEAMS[i % DEMO_TEAMS.length]!,
      lineCode,
      skills,
    });
  }
  return agents;
}

/** Helpdesk groups of the demo: one per (line, skill), e.g. "L2 · Billing". */
export function demoGroups(): { externalId: string; name: string; lineCode: string; skill: number }[] {
  return DEMO_LINES.flatMap((line) =>
    DEMO_SKILLS.map((skill, s) => ({ externalId: `grp-${line.code}-${s}`, name: `${line.code} · ${skill}`, lineCode: line.code, skill: s })),
  );
}
