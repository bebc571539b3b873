import type { RatingScale } from "@/db/schema";
import { t, type MessageKey } from "@/lib/i18n";

/**
 * Every helpdesk's CSAT scale brought to 1–5, so ratings from different sources compare and the
 * CSAT gate (a threshold on 1–5) means the same everywhere. Pure; throws on values a scale cannot hold.
 */

/** Freshdesk's documented answers, worst to best: extremely unhappy (−103) … extremely happy (103). */
export const FRESHDESK_LEVELS = [-103, -102, -101, 100, 101, 102, 103] as const;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A value the scale cannot hold: an English message (sync rejects store it), and its key for other languages. */
export class RatingValueError extends Error {
  constructor(
    readonly key: Extract<MessageKey, `ratingValue.${string}`>,
    readonly vars: Record<string, string | number>,
  ) {
    super(t("en", key, vars));
    this.name = "RatingValueError";
  }
}

function asNumber(raw: string | number, scale: RatingScale): number {
  const n = typeof raw === "number" ? raw : raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(n)) throw new RatingValueError("ratingValue.notNumber", { raw, scale });
  return n;
}

export function normalizeRating(scale: RatingScale, raw: string | number, scaleMax?: number): number {
  switch (scale) {
    case "good_bad": {
      const v = String(raw).trim().toLowerCase();
      if (v === "good") return 5;
      if (v === "bad") return 1;
      throw new RatingValueError("ratingValue.goodBad", { raw });
    }
    case "three_level": {
      const v = String(raw).trim().toLowerCase().replace(/[\s_-]+/g, " ");
      if (v === "good") return 5;
      if (v === "okay" || v === "ok") return 3;
      if (v === "not good" || v === "bad") return 1;
      throw new RatingValueError("ratingValue.threeLevel", { raw });
    }
    case "one_to_five": {
      const n = asNumber(raw, scale);
      if (n < 1 || n > 5) throw new RatingValueError("ratingValue.oneToFive", { n });
      return round2(n);
    }
    case "freshdesk_103": {
      const n = asNumber(raw, scale);
      const level = FRESHDESK_LEVELS.indexOf(n as (typeof FRESHDESK_LEVELS)[number]);
      if (level < 0) throw new RatingValueError("ratingValue.freshdesk", { n });
      // Equal steps between the answers, whichever of them a survey offers.
      return round2(1 + (level * 4) / (FRESHDESK_LEVELS.length - 1));
    }
    case "zero_to_max": {
      const max = scaleMax ?? 5;
      if (!Number.isFinite(max) || max <= 0) throw new RatingValueError("ratingValue.maxPositive", { max: String(scaleMax) });
      const n = asNumber(raw, scale);
      if (n < 0 || n > max) throw new RatingValueError("ratingValue.zeroToMax", { n, max });
      return round2(1 + (4 * n) / max);
    }
    default: {
      const never: never = scale;
      throw new RatingValueError("ratingValue.unknownScale", { scale: String(never) });
    }
  }
}
