"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { enableConnectionAction, saveConnectionAction, testConnectionAction } from "@/lib/actions/connections";
import type { Texts } from "@/lib/i18n";
import { fill } from "@/lib/i18n/fill";

/** The page passes these texts in its viewer's language (see docs/DECISIONS.md). */
export type ConnectionFormTexts = Texts<"connForm.">;

/**
 * The admin's connection forms. Secret fields are always empty: the server says whether one is
 * saved ("saved"), never its value; leaving one blank keeps what is saved.
 */

export type ConnectionView = {
  id: number;
  kind: string;
  name: string;
  enabled: boolean;
  settings: Record<string, string>;
  saved: Record<string, boolean>;
};

function useRefreshOnOk(result: ActionResult | null) {
  const router = useRouter();
  useEffect(() => {
    if (result?.ok) router.refresh();
  }, [result, router]);
}

function FieldErrors({ result, name }: { result: ActionResult | null; name: string }) {
  const errs = result && !result.ok ? result.fieldErrors?.[name] : undefined;
  return errs ? <span className="error small" data-testid={`error-${name}`}>{errs.join(" ")}</span> : null;
}

function Secret({ name, label, saved, result, t }: { name: string; label: string; saved: boolean; result: ActionResult | null; t: ConnectionFormTexts }) {
  return (
    <label className="conn-field">
      {label} {saved && <span className="badge badge-confirmed" data-testid={`saved-${name}`}>{t.secretSaved}</span>}
      <input type="password" name={name} autoComplete="off" placeholder={saved ? t.secretKeep : ""} data-testid={`input-${name}`} />
      <FieldErrors result={result} name={name} />
    </label>
  );
}

function Text({ name, label, value, result, type = "text", hint }: { name: string; label: string; value?: string; result: ActionResult | null; type?: string; hint?: string }) {
  return (
    <label className="conn-field">
      {label}
      <input type={type} name={name} defaultValue={value ?? ""} data-testid={`input-${name}`} />
      {hint && <span className="muted small">{hint}</span>}
      <FieldErrors result={result} name={name} />
    </label>
  );
}

export function ConnectionForm({ kind, connection, onSaved, text: t }: { kind: "zendesk" | "freshdesk"; connection?: ConnectionView; onSaved?: () => void; text: ConnectionFormTexts }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(saveConnectionAction, null);
  useRefreshOnOk(result);
  useEffect(() => {
    if (result?.ok) onSaved?.();
  }, [result, onSaved]);
  const s = connection?.settings ?? {};
  const saved = connection?.saved ?? {};
  const defaultStart = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
  return (
    <form action={action} className="conn-form" data-testid={`connection-form-${connection?.id ?? `new-${kind}`}`}>
      <input type="hidden" name="kind" value={kind} />
      {connection && <input type="hidden" name="id" value={connection.id} />}
      <Text name="name" label={t.name} value={connection?.name ?? (kind === "zendesk" ? "Zendesk" : "Freshdesk")} result={result} />
      {kind === "zendesk" ? (
        <>
          <Text name="subdomain" label={t.subdomain} value={s.subdomain} result={result} hint={t.subdomainHint} />
          <Text name="email" label={t.email} value={s.email} result={result} type="email" />
          <Secret name="apiToken" label={t.apiToken} saved={!!saved.apiToken} result={result} t={t} />
          <Secret name="oauthToken" label={t.oauthToken} saved={!!saved.oauthToken} result={result} t={t} />
          <Secret name="webhookSecret" label={t.webhookSecret} saved={!!saved.webhookSecret} result={result} t={t} />
        </>
      ) : (
        <>
          <Text name="domain" label={t.domain} value={s.domain} result={result} hint="acme.freshdesk.com" />
          <Secret name="apiKey" label={t.apiKey} saved={!!saved.apiKey} result={result} t={t} />
          <Secret name="webhookToken" label={t.webhookToken} saved={!!saved.webhookToken} result={result} t={t} />
        </>
      )}
      <Text name="backfillStart" label={t.backfill} value={s.backfillStart ?? defaultStart} result={result} type="date" />
      <Text name="apiBaseUrl" label={t.apiBase} value={s.apiBaseUrl} result={result} hint={t.apiBaseHint} />
      <div className="conn-actions">
        <button type="submit" disabled={pending} data-testid="save-connection">
          {pending ? t.saving : connection ? t.save : fill(t.add, { kind: kind === "zendesk" ? "Zendesk" : "Freshdesk" })}
        </button>
        <span role="status" className={result && !result.ok ? "error" : "ok"} data-testid="save-result">
          {result ? (result.ok ? t.saved : result.error) : ""}
        </span>
      </div>
    </form>
  );
}

type TestData = { ok: boolean; message: string; problem?: string };

export function TestConnectionForm({ connectionId, text: t }: { connectionId: number; text: ConnectionFormTexts }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(testConnectionAction, null);
  const data = result?.ok ? (result.data as TestData) : null;
  const text = result ? (result.ok ? data!.message : result.error) : "";
  const good = data?.ok === true;
  return (
    <form action={action} className="conn-inline-form">
      <input type="hidden" name="connectionId" value={connectionId} />
      <button type="submit" disabled={pending} data-testid="test-connection">
        {pending ? t.testing : t.test}
      </button>{" "}
      <span role="status" className={good ? "ok" : "error"} data-testid="test-result" data-problem={data?.problem ?? ""}>
        {text}
      </span>
    </form>
  );
}

export function EnableForm({ connectionId, enabled, text: t }: { connectionId: number; enabled: boolean; text: ConnectionFormTexts }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(enableConnectionAction, null);
  useRefreshOnOk(result);
  return (
    <form action={action} className="conn-inline-form">
      <input type="hidden" name="connectionId" value={connectionId} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      <button type="submit" disabled={pending} data-testid="toggle-enabled">
        {enabled ? t.disable : t.enable}
      </button>
      {result && !result.ok && <span className="error">{result.error}</span>}
    </form>
  );
}

export function AddConnection({ text: t }: { text: ConnectionFormTexts }) {
  const [kind, setKind] = useState<"zendesk" | "freshdesk" | null>(null);
  return (
    <section className="card" data-testid="add-connection">
      <div className="card-head">
        <h2>{t.addHelpdesk}</h2>
        <div>
          <button type="button" onClick={() => setKind("zendesk")} data-testid="add-zendesk">Zendesk</button>{" "}
          <button type="button" onClick={() => setKind("freshdesk")} data-testid="add-freshdesk">Freshdesk</button>
        </div>
      </div>
      {kind && <ConnectionForm key={kind} kind={kind} onSaved={() => setKind(null)} text={t} />}
    </section>
  );
}
