import { hash32, rng, type Rng } from "@/lib/connectors/demo/prng";

/**
 * The benchmark workload as pure data: an organisation and a year of solved tickets. Ticket k is
 * a pure function of (seed, size, anchor, k), so the same arguments always give the same rows,
 * whichever writer (PostgreSQL COPY, PGlite) stores them and however the work is chunked.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Four quarters of solves end at the anchor. */
export const SPAN_MS = 365 * DAY;

export type SizeSpec = {
  name: string;
  teams: number;
  engineers: number;
  skills: number;
  tickets: number;
  /** Chance that an eligible (really solved) ticket is rated; ~3 % of rated tickets get a second rating. */
  ratedChance: number;
};

export const SIZES: Record<"S" | "M", SizeSpec> = {
  M: { name: "M", teams: 15, engineers: 500, skills: 8, tickets: 1_000_000, ratedChance: 0.295 },
  S: { name: "S", teams: 5, engineers: 50, skills: 5, tickets: 50_000, ratedChance: 0.295 },
};

export const LINES = [
  { id: 1, code: "L1", name: "First line" },
  { id: 2, code: "L2", name: "Second line" },
  { id: 3, code: "L3", name: "Third line" },
] as const;
type LineCode = (typeof LINES)[number]["code"];

const SKILL_NAMES = [
  "Accounts & sign-in",
  "Billing",
  "Reports export/import",
  "Integrations & API",
  "Mobile apps",
  "Платежи и счета",
  "Security & SSO",
  "Доставка данных",
];
const TEAM_NAMES = [
  "Falcons", "Комета", "Northwind", "Байкал", "Aurora", "Otters", "Восход", "Kestrels", "Ladoga",
  "Meridian", "Сибирь", "Nebula", "Puffins", "Енисей", "Zephyr", "Orion", "Полярис", "Quokka",
];
const LATIN_FIRST = ["Anna", "James", "Maria", "Lucas", "Sofia", "Noah", "Emma", "Liam", "Olivia", "Mateo", "Chloe", "Kenji", "Aiko", "Giulia", "Marco", "Elena", "Pierre", "Camille", "Jonas", "Nora"];
const LATIN_LAST = ["Smith", "Rossi", "Dubois", "Tanaka", "Müller", "García", "Novak", "Jensen", "O'Brien", "Silva", "Kowalski", "Bianchi", "Lefèvre", "Sato", "Weber"];
const CYR_FIRST_M = ["Иван", "Дмитрий", "Сергей", "Алексей", "Никита", "Павел", "Михаил", "Артём"];
const CYR_FIRST_F = ["Ольга", "Анна", "Мария", "Екатерина", "Татьяна", "Юлия", "Наталья"];
const CYR_LAST_M = ["Петров", "Иванов", "Смирнов", "Кузнецов", "Соколов", "Попов", "Лебедев", "Козлов", "Новиков", "Морозов"];
const CYR_LAST_F = CYR_LAST_M.map((s) => `${s}а`);
const TRANSLIT: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l", м: "m",
  н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch",
  ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};
const emailLocal = (name: string) =>
  name.toLowerCase().split("").map((c) => TRANSLIT[c] ?? c).join("").normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, ".").replace(/^\.|\.$/g, "");

export type GenEngineer = {
  id: number;
  name: string;
  email: string;
  teamId: number;
  lineId: number;
  lineCode: LineCode;
  /** Skill group ids (1-based), one or two. */
  skills: number[];
};

export type GenOrg = {
  teams: { id: number; name: string }[];
  skills: { id: number; name: string }[];
  engineers: GenEngineer[];
  /** Identity ids: engineer e has identity e; these extra ones are contractors, never mapped. */
  contractorIdentityIds: number[];
  /** One helpdesk group per (line, skill): id, external id, and what it maps to. */
  groups: { id: number; externalId: string; name: string; lineId: number; skillId: number }[];
};

export function buildOrg(seed: number, size: SizeSpec): GenOrg {
  const teams = Array.from({ length: size.teams }, (_, i) => ({
    id: i + 1,
    name: i < TEAM_NAMES.length ? TEAM_NAMES[i]! : `Team ${i + 1}`,
  }));
  const skills = Array.from({ length: size.skills }, (_, i) => ({
    id: i + 1,
    name: i < SKILL_NAMES.length ? SKILL_NAMES[i]! : `Skill ${i + 1}`,
  }));
  const engineers: GenEngineer[] = [];
  for (let i = 0; i < size.engineers; i++) {
    const r = rng(seed, i, "engineer");
    const id = i + 1;
    let name: string;
    if (r.chance(1 / 3)) {
      const female = r.chance(0.5);
      name = female ? `${r.pick(CYR_FIRST_F)} ${r.pick(CYR_LAST_F)}` : `${r.pick(CYR_FIRST_M)} ${r.pick(CYR_LAST_M)}`;
    } else {
      name = `${r.pick(LATIN_FIRST)} ${r.pick(LATIN_LAST)}`;
    }
    // Lines: half L1, a third L2, the rest L3.
    const line = LINES[r.weighted([50, 33, 17])]!;
    const primary = 1 + (i % size.skills);
    const skillSet = r.chance(0.35) ? [primary, 1 + ((primary + r.int(0, size.skills - 2)) % size.skills)] : [primary];
    engineers.push({
      id,
      name,
      email: `${emailLocal(name)}.${id}@bench.podium.test`,
      teamId: 1 + (i % size.teams),
      lineId: line.id,
      lineCode: line.code,
      skills: [...new Set(skillSet)].sort((a, b) => a - b),
    });
  }
  const contractorIdentityIds = [size.engineers + 1, size.engineers + 2, size.engineers + 3];
  const groups = LINES.flatMap((line, li) =>
    skills.map((s, si) => ({
      id: li * size.skills + si + 1,
      externalId: `grp-${line.code}-${s.id}`,
      name: `${line.code} · ${s.name}`,
      lineId: line.id,
      skillId: s.id,
    })),
  );
  return { teams, skills, engineers, contractorIdentityIds, groups };
}

export type Status = "new" | "open" | "pending" | "solved" | "closed" | "deleted";
export type GenEvent = { at: number; from: Status | null; to: Status; actor: number | null; publicReply: boolean };
export type GenContributor = { identityId: number; publicReplies: number; handleSeconds: number };
export type GenRating = { id: number; externalId: string; identityId: number | null; score: number; comment: string | null; ratedAt: number };

export type GenTicket = {
  id: number;
  externalId: string;
  subject: string;
  status: Status;
  groupId: number;
  groupExternalId: string;
  skillId: number;
  lineId: number;
  assignee: number | null;
  solver: number | null;
  priority: string;
  type: string;
  createdAt: number;
  updatedAt: number;
  solvedAt: number | null;
  reopenCount: number;
  merged: boolean;
  deleted: boolean;
  spam: boolean;
  automation: boolean;
  events: GenEvent[];
  contributors: GenContributor[];
  ratings: GenRating[];
  /** For the proportions test: what kind of story the ticket has. */
  story: "plain" | "spam" | "merged" | "deleted" | "reopen" | "thanks" | "late-reopen";
};

const PRIORITIES = ["low", "normal", "high", "urgent"];
const PRIORITY_W = [20, 55, 20, 5];
const TYPES = ["question", "incident", "problem", "task"];
const TYPE_W = [45, 35, 10, 10];
const SOLVE_RANGE: Record<LineCode, [number, number]> = {
  L1: [15 * MINUTE, 10 * HOUR],
  L2: [HOUR, 2.5 * DAY],
  L3: [4 * HOUR, 5 * DAY],
};
const LINE_LOAD: Record<LineCode, number> = { L1: 1.3, L2: 1, L3: 0.6 };
const SCORE_W = { usual: [2, 1, 3, 10, 84], reopened: [20, 15, 20, 20, 25] };
const SUBJECTS_EN = ["Cannot sign in", "Invoice looks wrong", "Export stuck at 99%", "API returns 500", "App crashes on start", "Refund request", "SSO setup question", "Data missing after import"];
const SUBJECTS_RU = ["Не могу войти", "Ошибка в счёте", "Экспорт завис", "API отвечает 500", "Приложение падает", "Возврат платежа", "Вопрос по SSO", "Пропали данные"];
const COMMENTS = ["Thanks, quick and clear!", "Спасибо, всё работает", "Took too long", "Great help", "Не решили проблему", "ok"];

const sec = (ms: number) => Math.floor(ms / 1000) * 1000;
const SOLVED = new Set<Status>(["solved", "closed"]);

/** Everything the ticket generator needs, precomputed once per (seed, size). */
export type GenContext = {
  seed: number;
  size: SizeSpec;
  anchor: number;
  start: number;
  org: GenOrg;
  /** Cumulative load weights over engineers, for a binary-search pick. */
  cumulative: Float64Array;
  byLine: Record<LineCode, GenEngineer[]>;
};

export function makeContext(seed: number, size: SizeSpec, anchor: number): GenContext {
  const org = buildOrg(seed, size);
  const cumulative = new Float64Array(org.engineers.length);
  let acc = 0;
  org.engineers.forEach((e, i) => {
    // Some people carry more than others: a spread of ±40 % around their line's load.
    acc += LINE_LOAD[e.lineCode] * (0.6 + 0.8 * (hash32(seed, e.id, "load") / 4294967296));
    cumulative[i] = acc;
  });
  const byLine = { L1: [], L2: [], L3: [] } as Record<LineCode, GenEngineer[]>;
  for (const e of org.engineers) byLine[e.lineCode].push(e);
  return { seed, size, anchor, start: anchor - SPAN_MS, org, cumulative, byLine };
}

function pickEngineer(ctx: GenContext, u: number): GenEngineer {
  const c = ctx.cumulative;
  const x = u * c[c.length - 1]!;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return ctx.org.engineers[lo]!;
}

/** Ticket k (0-based; its database id is k + 1). Every event happens before the anchor. */
export function generateTicket(ctx: GenContext, k: number): GenTicket {
  const { seed, size, anchor, start, org } = ctx;
  const r: Rng = rng(seed, k, "t");
  const firstSolve = sec(start + ((k + r.next()) * SPAN_MS) / size.tickets);
  const contractor = r.chance(0.01);
  const eng = pickEngineer(ctx, r.next());
  const foreign = size.skills > eng.skills.length && r.chance(0.15);
  let skillId = r.pick(eng.skills);
  if (foreign) {
    do skillId = r.int(1, size.skills);
    while (eng.skills.includes(skillId));
  }
  const group = org.groups[(eng.lineId - 1) * size.skills + (skillId - 1)]!;
  const assignee = contractor ? org.contractorIdentityIds[r.int(0, org.contractorIdentityIds.length - 1)]! : eng.id;
  const russian = r.chance(0.3);
  const [minSolve, maxSolve] = SOLVE_RANGE[eng.lineCode];
  const solveIn = r.logUniform(minSolve, maxSolve);
  const createdAt = sec(firstSolve - solveIn);
  const t: GenTicket = {
    id: k + 1,
    externalId: String(1_000_000 + k),
    subject: `${r.pick(russian ? SUBJECTS_RU : SUBJECTS_EN)} #${k + 1}`,
    status: "new",
    groupId: group.id,
    groupExternalId: group.externalId,
    skillId,
    lineId: eng.lineId,
    assignee,
    solver: null,
    priority: PRIORITIES[r.weighted(PRIORITY_W)]!,
    type: TYPES[r.weighted(TYPE_W)]!,
    createdAt,
    updatedAt: createdAt,
    solvedAt: null,
    reopenCount: 0,
    merged: false,
    deleted: false,
    spam: false,
    automation: false,
    events: [{ at: createdAt, from: null, to: "new", actor: null, publicReply: false }],
    contributors: [],
    ratings: [],
    story: "plain",
  };
  let cut = false;
  const push = (at: number, to: Status, actor: number | null, publicReply: boolean): number => {
    const prev = t.events[t.events.length - 1]!;
    const when = Math.max(sec(at), prev.at + 1000);
    if (when >= anchor) cut = true;
    if (!cut) t.events.push({ at: when, from: prev.to, to, actor, publicReply });
    return when;
  };

  const outcome = r.next();
  if (outcome < 0.004) {
    t.story = "spam";
    t.spam = true;
    t.assignee = null;
    push(createdAt + r.logUniform(5 * MINUTE, 90 * MINUTE), "deleted", null, false);
    return finish(t);
  }
  const openAt = push(createdAt + r.logUniform(2 * MINUTE, Math.min(2 * HOUR, solveIn / 2)), "open", assignee, true);
  if (outcome < 0.01) {
    t.story = "merged";
    t.merged = true;
    t.contributors = [{ identityId: assignee, publicReplies: 1, handleSeconds: r.int(60, 600) }];
    push(Math.max(openAt + MINUTE, firstSolve), "closed", assignee, false);
    return finish(t);
  }
  t.automation = outcome > 0.995;
  if (r.chance(0.25)) {
    push(createdAt + solveIn * 0.3, "pending", assignee, true);
    push(createdAt + solveIn * 0.7, "open", null, false);
  }
  // ~10 % shared: a colleague of the same line, sometimes the next line, helps.
  let helper: GenEngineer | null = null;
  if (!contractor && r.chance(0.1)) {
    const line: LineCode = r.chance(0.7) ? eng.lineCode : eng.lineCode === "L1" ? "L2" : "L3";
    const pool = ctx.byLine[line].length > 1 ? ctx.byLine[line] : org.engineers;
    helper = pool[r.int(0, pool.length - 1)]!;
    if (helper.id === eng.id) helper = org.engineers[(eng.id % org.engineers.length)]!;
  }
  const solver = helper && r.chance(0.4) ? helper.id : assignee;
  t.solver = solver;
  t.contributors = [{ identityId: assignee, publicReplies: r.int(1, 6), handleSeconds: r.int(300, 5400) }];
  if (helper) t.contributors.push({ identityId: helper.id, publicReplies: r.int(1, 4), handleSeconds: r.int(300, 3600) });
  const solvedAt = push(firstSolve, "solved", solver, true);

  const fate = r.next();
  let lastSolve = solvedAt;
  if (fate < 0.004) {
    t.story = "deleted";
    t.deleted = true;
    push(solvedAt + r.logUniform(HOUR, 3 * DAY), "deleted", assignee, false);
    return finish(t);
  } else if (fate < 0.042) {
    // The customer wrote again inside the window; the agent fixed it properly.
    t.story = "reopen";
    const reopenAt = push(solvedAt + r.logUniform(HOUR, 5 * DAY), "open", null, false);
    lastSolve = push(reopenAt + r.logUniform(HOUR, DAY), "solved", solver, true);
  } else if (fate < 0.054) {
    // A "thank you" reopens it; solved again within minutes, no public agent reply.
    t.story = "thanks";
    const reopenAt = push(solvedAt + r.logUniform(10 * MINUTE, 2 * DAY), "open", null, false);
    lastSolve = push(reopenAt + r.logUniform(2 * MINUTE, 20 * MINUTE), "solved", solver, false);
  } else if (fate < 0.064) {
    t.story = "late-reopen";
    const reopenAt = push(solvedAt + 7 * DAY + r.logUniform(HOUR, 36 * HOUR), "open", null, false);
    lastSolve = push(reopenAt + r.logUniform(HOUR, 12 * HOUR), "solved", solver, true);
  }
  push(lastSolve + 3 * DAY, "closed", null, false);

  // Ratings: mostly 5s; reopened tickets fare worse. Rated before the anchor only.
  const rr = rng(seed, k, "r");
  if (!t.automation && rr.chance(size.ratedChance)) {
    const ratedAt = sec(solvedAt + rr.logUniform(3 * MINUTE, 2 * DAY));
    const score = 1 + rr.weighted(t.story === "reopen" ? SCORE_W.reopened : SCORE_W.usual);
    const identityId = solver;
    if (ratedAt < anchor) {
      t.ratings.push({ id: 2 * k + 1, externalId: `r${k}`, identityId, score, comment: rr.chance(0.3) ? rr.pick(COMMENTS) : null, ratedAt });
      if (rr.chance(0.03)) {
        const again = sec(ratedAt + rr.logUniform(HOUR, 3 * DAY));
        const s2 = score < 4 ? 5 : score === 5 ? 4 : 5;
        if (again < anchor) t.ratings.push({ id: 2 * k + 2, externalId: `r${k}b`, identityId, score: s2, comment: null, ratedAt: again });
      }
    }
  }
  return finish(t);
}

function finish(t: GenTicket): GenTicket {
  const last = t.events[t.events.length - 1]!;
  t.status = last.to;
  t.updatedAt = last.at;
  let reopens = 0;
  for (const e of t.events) if (e.from !== null && SOLVED.has(e.from) && !SOLVED.has(e.to) && e.to !== "deleted") reopens++;
  t.reopenCount = reopens;
  // The helpdesk's solved_at: the first time the ticket reached solved/closed (merged: its closing).
  t.solvedAt = t.events.find((e) => SOLVED.has(e.to))?.at ?? null;
  return t;
}

/** The anchor for "now": today's UTC midnight (so runs on one day agree), or an explicit moment. */
export function defaultAnchor(now = Date.now()): number {
  return Math.floor(now / DAY) * DAY;
}
