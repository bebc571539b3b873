import { t, type MessageKey } from "@/lib/i18n";
import { RULE_FIELDS, type RuleField } from "@/lib/scoring/rules";

/**
 * The editor's fields with their label, help, options and unit in `locale` (the dictionaries'
 * `ruleField.*`, `ruleHelp.*`, `ruleOpt.*`, `ruleUnit.*`), and each group's heading. RULE_FIELDS
 * stays English: the schema's messages and the stored change lists are made from it. Pure.
 */
export type LocalRuleField = RuleField & { groupLabel: string };

const GROUP_KEY: Record<RuleField["group"], MessageKey> = {
  Points: "ruleGroup.points",
  Weights: "ruleGroup.weights",
  Ratings: "ruleGroup.ratings",
  Reopens: "ruleGroup.reopens",
  Credit: "ruleGroup.credit",
  "Quota and handicap": "ruleGroup.quota",
};

const UNIT_KEY: Record<string, MessageKey> = { points: "ruleUnit.points", stars: "ruleUnit.stars", days: "ruleUnit.days", minutes: "ruleUnit.minutes" };

export function localRuleFields(locale: string): LocalRuleField[] {
  return RULE_FIELDS.map((f) => ({
    ...f,
    label: t(locale, `ruleField.${f.key}`),
    help: t(locale, `ruleHelp.${f.key}`),
    options: f.options?.map((o) => ({ value: o.value, label: t(locale, `ruleOpt.${f.key}.${o.value}` as MessageKey) })),
    unit: f.unit && UNIT_KEY[f.unit] ? t(locale, UNIT_KEY[f.unit]!) : f.unit,
    groupLabel: t(locale, GROUP_KEY[f.group]),
  }));
}
