"use client";
import "./challenges.css";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { saveChannelAction, sendTestDigestAction } from "@/lib/actions/digest";
import type { Texts } from "@/lib/i18n";
import { fill } from "@/lib/i18n/fill";

/** The page passes these texts in its viewer's language (see docs/DECISIONS.md). */
export type DigestFormTexts = Texts<"digForm.">;

/** Add a digest channel. Secrets go to the server only; they are never sent back. */
export function ChannelForm({ teamId, text: t }: { teamId: number; text: DigestFormTexts }) {
  // React resets a form after its action; what was typed comes back as default values (not after a save).
  const [last, setLast] = useState<Record<string, string>>({});
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(async (prev, fd) => {
    const r = await saveChannelAction(prev, fd);
    setLast(r.ok ? {} : (Object.fromEntries([...fd.entries()].map(([k, v]) => [k, String(v)])) as Record<string, string>));
    return r;
  }, null);
  const [kind, setKind] = useState("slack");
  const router = useRouter();
  useEffect(() => {
    if (result?.ok) router.refresh();
  }, [result, router]);
  const fe = (result && !result.ok && result.fieldErrors) || {};
  const err = (k: string) => fe[k] && <p className="field-error">{fe[k].join(" ")}</p>;
  return (
    <form action={action} className="challenge-form" data-testid="channel-form" noValidate key={JSON.stringify(last)}>
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="enabled" value="on" />
      <div className="row">
        <label>
          {t.where}
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)} data-testid="channel-kind">
            <option value="slack">{t.slack}</option>
            <option value="teams">{t.teams}</option>
            <option value="telegram">{t.telegram}</option>
            <option value="email">{t.email}</option>
          </select>
        </label>
        <label>
          {t.name}
          <input name="name" defaultValue={last.name} placeholder="#support-team" data-testid="channel-name" />
          {err("name")}
        </label>
        <label>
          {t.sendAt}
          <input name="sendAt" defaultValue={last.sendAt ?? "18:00"} data-testid="channel-send-at" />
          {err("sendAt")}
        </label>
      </div>
      {(kind === "slack" || kind === "teams") && (
        <label>
          {t.url}
          <input name="url" defaultValue={last.url} type="password" autoComplete="off" placeholder="https://hooks.slack.com/services/…" data-testid="channel-url" />
          {err("url")}
        </label>
      )}
      {kind === "telegram" && (
        <div className="row">
          <label>
            {t.botToken}
            <input name="botToken" defaultValue={last.botToken} type="password" autoComplete="off" placeholder="123456:ABC-…" />
            {err("botToken")}
          </label>
          <label>
            {t.chatId}
            <input name="chatId" defaultValue={last.chatId} placeholder="-1001234567890" />
            {err("chatId")}
          </label>
        </div>
      )}
      {kind === "email" && (
        <>
          <div className="row">
            <label>
              {t.host}
              <input name="host" defaultValue={last.host} placeholder="smtp.example.com" />
              {err("host")}
            </label>
            <label>
              {t.port}
              <input name="port" defaultValue={last.port} placeholder="465" inputMode="numeric" />
              {err("port")}
            </label>
            <label>
              <span>
                <input type="checkbox" name="secure" /> {t.tls}
              </span>
            </label>
          </div>
          <div className="row">
            <label>
              {t.user}
              <input name="user" defaultValue={last.user} autoComplete="off" />
            </label>
            <label>
              {t.password}
              <input name="password" defaultValue={last.password} type="password" autoComplete="new-password" />
            </label>
          </div>
          <div className="row">
            <label>
              {t.from}
              <input name="from" defaultValue={last.from} placeholder="podium@example.com" />
              {err("from")}
            </label>
            <label>
              {t.to}
              <input name="to" defaultValue={last.to} placeholder="team@example.com" />
              {err("to")}
            </label>
          </div>
        </>
      )}
      <div className="row">
        <button type="submit" disabled={pending} data-testid="channel-submit">
          {pending ? t.saving : t.add}
        </button>
        <span role="status" className={result && !result.ok ? "error" : "ok"}>
          {result ? (result.ok ? t.saved : result.error) : ""}
        </span>
      </div>
    </form>
  );
}

export function SendTestButton({ channelId, text: t }: { channelId: number; text: DigestFormTexts }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(sendTestDigestAction, null);
  const router = useRouter();
  useEffect(() => {
    if (result) router.refresh();
  }, [result, router]);
  const data = result?.ok ? (result.data as { status: string; error: string | null }) : null;
  return (
    <form action={action} style={{ display: "inline" }}>
      <input type="hidden" name="channelId" value={channelId} />
      <button type="submit" className="button-quiet" disabled={pending} data-testid="send-test">
        {pending ? t.sending : t.sendTest}
      </button>{" "}
      <span role="status" className={data?.status === "sent" ? "ok small" : "error small"} data-testid="send-test-result">
        {result && !result.ok ? result.error : data ? (data.status === "sent" ? t.sent : fill(t.notSent, { error: data.error ?? "" })) : ""}
      </span>
    </form>
  );
}
