import assert from "node:assert/strict";
import { test } from "node:test";
import type { DbHandle } from "@/db/client";
import type { Viewer } from "@/lib/auth/policy";
import { runAction } from "@/lib/actions/define";
import { rulesPreviewDefinition } from "@/lib/actions/rules-definitions";
import { word } from "@/lib/i18n/plural";
import { configToForm, RuleFormSchema, todayUtc } from "@/lib/rules-editor/form";
import { DEFAULT_RULES, RULE_FIELDS } from "@/lib/scoring/rules";

/** The rule editor's validation messages read in the viewer's language, naming the field by its label there. */

const viewer = (locale: string): Viewer => ({ userId: 1, email: "a@example.com", name: "Анна", role: "admin", engineerId: null, teamId: null, locale });
const noDb = {} as DbHandle;
const form = (over: Record<string, string>) => ({ ...configToForm(DEFAULT_RULES, ["L1", "L2", "L3"], [7]), name: "Проверка", effectiveFrom: todayUtc(), ...over });
const errors = async (locale: string, over: Record<string, string>) => {
  const r = await runAction(rulesPreviewDefinition, viewer(locale), form(over), noDb);
  assert.equal(r.ok, false);
  return (!r.ok && r.fieldErrors) || {};
};

test("rule form in Russian: bounds with the field's Russian label and the unit agreeing with the upper bound", async () => {
  const ru = await errors("ru", { csatGate: "7", reopenWindowDays: "120", thankYouReopenMinutes: "2000", weeklyQuota: "-1", handicapStrength: "2", handicapMaxCsat: "0,7", crossSkillMultiplier: "0.5", "basePointsByLine.L2": "500", lowRatingPenalty: "-200" });
  assert.deepEqual(ru.csatGate, ["Порог CSAT: допустимо от 1 до 5 звёзд."]);
  assert.deepEqual(ru.reopenWindowDays, ["Окно переоткрытия: допустимо от 0 до 90 дней."]);
  assert.deepEqual(ru.thankYouReopenMinutes, ["Исключение для «спасибо»: допустимо от 0 до 1\u00a0440 минут."]);
  assert.deepEqual(ru.weeklyQuota, ["Недельная норма: допустимо от 0 до 10\u00a0000 баллов."]);
  assert.deepEqual(ru.handicapStrength, ["Сила гандикапа: допустимо от 0 до 1."]);
  assert.equal(ru.handicapMaxCsat, undefined, "0,7 with a decimal comma is read as 0.7, inside 0–2");
  assert.deepEqual(ru.crossSkillMultiplier, ["Множитель за чужую группу навыков: допустимо от 1 до 10."]);
  assert.deepEqual(ru["basePointsByLine.L2"], ["Базовые баллы по линиям: допустимо от 0 до 100 баллов."]);
  assert.deepEqual(ru.lowRatingPenalty, ["Штраф за низкую оценку: допустимо от -100 до 0 баллов."]);
});

test("rule form in Russian: whole numbers, numbers, empty fields and choices", async () => {
  const ru = await errors("ru", { reopenWindowDays: "2.5", fiveStarBonus: "много", csatGate: "", unratedPolicy: "", "priorityWeights.name.0": "urgent", "priorityWeights.value.0": "11" });
  assert.deepEqual(ru.reopenWindowDays, ["Окно переоткрытия: нужно целое число дней."]);
  assert.deepEqual(ru.fiveStarBonus, ["Бонус за пятёрку: введите число."]);
  assert.deepEqual(ru.csatGate, ["Заполните поле «Порог CSAT»."]);
  assert.deepEqual(ru.unratedPolicy, ["Выберите значение поля «Заявки без оценки приносят»."]);
  assert.deepEqual(ru.priorityWeights, ["Вес приоритета: допустимо от 0 до 10."]);
  const bad = await errors("ru", { creditMode: "everyone" });
  assert.deepEqual(bad.creditMode, ["Выберите значение поля «Баллы за общие заявки»."]);
});

test("rule form in English: the schema's messages unchanged", async () => {
  const en = await errors("en", { csatGate: "7", reopenWindowDays: "2.5", fiveStarBonus: "lots", crossSkillMultiplier: "", creditMode: "everyone" });
  assert.deepEqual(en.csatGate, ["CSAT gate must be between 1 and 5 stars"]);
  assert.deepEqual(en.reopenWindowDays, ["Reopen window must be a whole number of days"]);
  assert.deepEqual(en.fiveStarBonus, ["Five-star bonus must be a number"]);
  assert.deepEqual(en.crossSkillMultiplier, ["Enter a value for cross-skill multiplier."]);
  assert.deepEqual(en.creditMode, ['Credit must go to "solver", "last_assignee", "equal", "by_replies" or "by_handle_time"']);
});

test("rule form: every number field's bounds are the schema's (the Russian message takes them from the field)", () => {
  for (const f of RULE_FIELDS) {
    if (f.min === undefined || f.max === undefined) continue;
    const name = f.kind === "number" ? f.key : f.kind === "map-by-line" ? `${f.key}.L2` : f.kind === "map-by-skill" ? `${f.key}.7` : `${f.key}.value.0`;
    const extra = f.kind === "map-by-value" ? { [`${f.key}.name.0`]: "x" } : {};
    for (const v of [f.min - 1, f.max + 1]) {
      const r = RuleFormSchema.safeParse(form({ ...extra, [name]: String(v) }));
      assert.ok(!r.success, `${f.key} = ${v}`);
      const message = r.error.issues.find((i) => String(i.path[0]).startsWith(f.key))?.message ?? "";
      assert.match(message, new RegExp(`between ${f.min} and ${f.max}\\b`), `${f.key}: ${message}`);
    }
  }
});

test("rule units after 'до N' agree with N in Russian (genitive): 1 and 21 singular, 2, 5 and 1440 plural, fractions singular", () => {
  assert.equal(word("ru", 1, "ruleUnitGen.stars"), "звезды");
  assert.equal(word("ru", 21, "ruleUnitGen.days"), "дня");
  assert.equal(word("ru", 2, "ruleUnitGen.stars"), "звёзд");
  assert.equal(word("ru", 5, "ruleUnitGen.points"), "баллов");
  assert.equal(word("ru", 1440, "ruleUnitGen.minutes"), "минут");
  assert.equal(word("ru", 0.5, "ruleUnitGen.stars"), "звезды");
  assert.equal(word("en", 1, "ruleUnitGen.stars"), "star");
});
