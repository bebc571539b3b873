import type { Metadata } from "next";
import { ActionForm } from "@/app/components/action-form";
import { getDb } from "@/db/client";
import { createWallboardAction, revokeWallboardAction, setLocaleAction, setTeamPrivacyAction } from "@/lib/actions/boards";
import { requirePageViewer } from "@/lib/auth/session";
import { getTeamPrivacyRows, listWallboardLinks } from "@/lib/boards/settings";
import { t } from "@/lib/i18n";
import { titled } from "../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.settings");

const PRIVACY = ["full", "top_and_me", "neighbours", "names_hidden"] as const;

export default async function SettingsPage() {
  const viewer = await requirePageViewer("/settings");
  const db = await getDb();
  const L = viewer.locale;
  const [teams, links] = await Promise.all([getTeamPrivacyRows(db, viewer), listWallboardLinks(db, viewer)]);
  const manages = viewer.role === "lead" || viewer.role === "admin";
  return (
    <>
      <div className="page-head">
        <h1>{L === "ru" ? "Настройки" : "Settings"}</h1>
      </div>
      <section className="card">
        <h2>{t(L, "settings.language")}</h2>
        <ActionForm action={setLocaleAction} testId="locale-form" okText="✓">
          <label>
            {t(L, "settings.language")}
            <select name="locale" defaultValue={L === "ru" ? "ru" : "en"} data-testid="locale-select">
              <option value="en">English</option>
              <option value="ru">Русский</option>
            </select>
          </label>
          <button type="submit">{L === "ru" ? "Сохранить" : "Save"}</button>
        </ActionForm>
      </section>
      {manages && teams.length > 0 && (
        <section className="card">
          <h2>{L === "ru" ? "Приватность рейтинга" : "Board privacy"}</h2>
          <p className="muted small">{L === "ru" ? "Что видят инженеры команды в общем рейтинге." : "What the team's engineers see on the leaderboard."}</p>
          {teams.map((tm) => (
            <ActionForm key={tm.teamId} action={setTeamPrivacyAction} testId={`privacy-form-${tm.teamId}`} okText="✓">
              <input type="hidden" name="teamId" value={tm.teamId} />
              <label>
                {tm.name}
                <select name="privacy" defaultValue={tm.privacy} data-testid="privacy-select">
                  {PRIVACY.map((p) => (
                    <option key={p} value={p}>
                      {t(L, `board.privacy.${p}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit">{L === "ru" ? "Сохранить" : "Save"}</button>
            </ActionForm>
          ))}
        </section>
      )}
      {manages && (
        <section className="card">
          <h2>{L === "ru" ? "Экраны (wallboard)" : "Wallboard screens"}</h2>
          <p className="muted small">
            {L === "ru"
              ? "Ссылка только для чтения; покажите её на телевизоре. Ссылку видно один раз; отзовите, если она утекла."
              : "A read-only link for a TV. The link is shown once; revoke it if it leaks."}
          </p>
          <ActionForm action={createWallboardAction} testId="wallboard-create" okText="✓" showPath>
            <label>
              {L === "ru" ? "Название" : "Name"} <input name="name" required maxLength={80} />
            </label>
            <label>
              {t(L, "board.team")}
              <select name="teamId" defaultValue={viewer.role === "lead" ? String(viewer.teamId ?? "") : ""}>
                {viewer.role === "admin" && <option value="">{t(L, "board.allTeams")}</option>}
                {teams.map((tm) => (
                  <option key={tm.teamId} value={tm.teamId}>
                    {tm.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{L === "ru" ? "Создать ссылку" : "Create link"}</button>
          </ActionForm>
          <ul data-testid="wallboard-links">
            {links.map((l) => (
              <li key={l.id}>
                #{l.id} {l.name} {l.revoked ? <span className="badge badge-muted">{t(L, "settings.linkRevoked")}</span> : null}
                {!l.revoked && (
                  <ActionForm action={revokeWallboardAction} testId={`wallboard-revoke-${l.id}`} okText="✓">
                    <input type="hidden" name="id" value={l.id} />
                    <button type="submit">{L === "ru" ? "Отозвать" : "Revoke"}</button>
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
