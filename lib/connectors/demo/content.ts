import type { Rng } from "./prng";

/**
 * Words of the demo helpdesk: ticket subjects per skill (indexes of DEMO_SKILLS) and customer
 * comments per sentiment, in English and Russian, so Cyrillic shows up everywhere it can.
 */

const SUBJECTS_EN: readonly (readonly string[])[] = [
  [
    "Cannot sign in after password reset",
    "Two-factor code never arrives",
    "Account locked after too many attempts",
    "SSO login loops back to the start page",
    "Please add {n} seats to our account",
    "User {n} cannot accept the invitation",
  ],
  [
    "Invoice #{n} shows the wrong VAT number",
    "Charged twice this month",
    "How do I switch to yearly billing?",
    "Card declined but the bank says it is fine",
    "Refund for the unused {n} licences",
    "Need a copy of the invoices for Q{q}",
  ],
  [
    "CSV export cuts off after {n} rows",
    "Excel import fails with an encoding error",
    "Scheduled report was not sent on Monday",
    "Dates shift by one day in the PDF report",
    "Import of {n} contacts stuck at 99 %",
    "Custom fields missing from the export",
  ],
  [
    "Webhook returns 401 since this morning",
    "API rate limit reached with only {n} calls",
    "OAuth token refresh fails",
    "Salesforce sync duplicates records",
    "Slack integration posts to the wrong channel",
    "REST endpoint /v2/orders times out",
  ],
  [
    "iOS app crashes on start (version 4.{n})",
    "Android push notifications stopped",
    "Offline mode loses changes",
    "Cannot attach photos from the gallery",
    "App asks to sign in every day",
    "Dark mode makes the charts unreadable",
  ],
];

const SUBJECTS_RU: readonly (readonly string[])[] = [
  [
    "Не могу войти после смены пароля",
    "Не приходит код двухфакторной аутентификации",
    "Учётная запись заблокирована",
    "Добавьте, пожалуйста, {n} пользователей",
  ],
  [
    "В счёте №{n} неверные реквизиты",
    "Двойное списание за подписку",
    "Нужны закрывающие документы за {q} квартал",
    "Как перейти на годовую оплату?",
  ],
  [
    "Выгрузка в CSV обрывается на {n} строке",
    "Ошибка кодировки при импорте из Excel",
    "Отчёт по расписанию не пришёл",
    "Импорт {n} контактов завис",
  ],
  [
    "Вебхук возвращает 401 с утра",
    "Не обновляется токен OAuth",
    "Интеграция с 1С дублирует заказы",
    "Превышен лимит запросов API",
  ],
  [
    "Приложение на iOS падает при запуске",
    "Перестали приходить push-уведомления на Android",
    "Офлайн-режим теряет изменения",
    "Не прикрепляются фото из галереи",
  ],
];

export function demoSubject(skill: number, russian: boolean, r: Rng): string {
  const list = (russian ? SUBJECTS_RU : SUBJECTS_EN)[skill]!;
  return r
    .pick(list)
    .replace("{n}", String(r.int(2, 9999)))
    .replace("{q}", String(r.int(1, 4)));
}

const COMMENTS: Record<"happy" | "ok" | "unhappy", { en: readonly string[]; ru: readonly string[] }> = {
  happy: {
    en: ["Fast and friendly, thank you!", "Solved in minutes. Great job.", "Clear explanation, everything works now.", "Best support I have dealt with."],
    ru: ["Спасибо, всё быстро и понятно!", "Решили за пару минут, отлично.", "Очень вежливый специалист, спасибо.", "Всё работает, огромное спасибо!"],
  },
  ok: {
    en: ["Fixed, but it took a while.", "OK in the end, had to explain twice."],
    ru: ["Решили, но долго.", "Нормально, но пришлось объяснять дважды."],
  },
  unhappy: {
    en: ["The problem is still there.", "Nobody answered for two days.", "Closed without asking me."],
    ru: ["Проблема так и не решена.", "Два дня никто не отвечал.", "Закрыли заявку, не спросив меня."],
  },
};

export function demoComment(score: number, russian: boolean, r: Rng): string {
  const mood = score >= 5 ? "happy" : score >= 3 ? "ok" : "unhappy";
  return r.pick(COMMENTS[mood][russian ? "ru" : "en"]);
}
