"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { enableConnectionAction, saveConnectionAction, testConnectionAction } from "@/lib/actions/connections";

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

function Secret({ name, label, saved, result }: { name: string; label: string; saved: boolean; result: ActionResult | null }) {
  return (
    <label className="conn-field">
      {label} {saved && <span className="badge badge-confirmed" data-testid={`saved-${name}`}>saved</span>}
      <input type="password" name={name} autoComplete="off" placeholder={saved ? "saved — leave blank to keep" : ""} data-testid={`input-${name}`} />
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

export function ConnectionForm({ kind, connection, onSaved }: { kind: "zendesk" | "freshdesk"; connection?: ConnectionView; onSaved?: () => void }) {
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
      <Text name="name" label="Name" value={connection?.name ?? (kind === "zendesk" ? "Zendesk" : "Freshdesk")} result={result} />
      {kind === "zendesk" ? (
        <>
          <Text name="subdomain" label="Subdomain" value={s.subdomain} result={result} hint="acme for acme.zendesk.com" />
          <Text name="email" label="User email" value={s.email} result={result} type="email" />
          <Secret name="apiToken" label="API token" saved={!!saved.apiToken} result={result} />
          <Secret name="oauthToken" label="or OAuth access token" saved={!!saved.oauthToken} result={result} />
          <Secret name="webhookSecret" label="Webhook signing secret (optional)" saved={!!saved.webhookSecret} result={result} />
        </>
      ) : (
        <>
          <Text name="domain" label="Domain" value={s.domain} result={result} hint="acme.freshdesk.com" />
          <Secret name="apiKey" label="API key" saved={!!saved.apiKey} result={result} />
          <Secret name="webhookToken" label="Webhook token (optional)" saved={!!saved.webhookToken} result={result} />
        </>
      )}
      <Text name="backfillStart" label="Backfill from" value={s.backfillStart ?? defaultStart} result={result} type="date" />
      <Text name="apiBaseUrl" label="API address override (optional)" value={s.apiBaseUrl} result={result} hint="Only for a proxy or a test emulator." />
      <div className="conn-actions">
        <button type="submit" disabled={pending} data-testid="save-connection">
          {pending ? "Saving…" : connection ? "Save" : `Add ${kind === "zendesk" ? "Zendesk" : "Freshdesk"}`}
        </button>
        <span role="status" className={result && !result.ok ? "error" : "ok"} data-testid="save-result">
          {result ? (result.ok ? "Saved." : result.error) : ""}
        </span>
      </div>
    </form>
  );
}

type TestData = { ok: boolean; message: string; problem?: string };

export function TestConnectionForm({ connectionId }: { connectionId: number }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(testConnectionAction, null);
  const data = result?.ok ? (result.data as TestData) : null;
  const text = result ? (result.ok ? data!.message : result.error) : "";
  const good = data?.ok === true;
  return (
    <form action={action} className="conn-inline-form">
      <input type="hidden" name="connectionId" value={connectionId} />
      <button type="submit" disabled={pending} data-testid="test-connection">
        {pending ? "Testing…" : "Test connection"}
      </button>{" "}
      <span role="status" className={good ? "ok" : "error"} data-testid="test-result" data-problem={data?.problem ?? ""}>
        {text}
      </span>
    </form>
  );
}

export function EnableForm({ connectionId, enabled }: { connectionId: number; enabled: boolean }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(enableConnectionAction, null);
  useRefreshOnOk(result);
  return (
    <form action={action} className="conn-inline-form">
      <input type="hidden" name="connectionId" value={connectionId} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      <button type="submit" disabled={pending} data-testid="toggle-enabled">
        {enabled ? "Disable" : "Enable"}
      </button>
      {result && !result.ok && <span className="error">{result.error}</span>}
    </form>
  );
}

export function AddConnection() {
  const [kind, setKind] = useState<"zendesk" | "freshdesk" | null>(null);
  return (
    <section className="card" data-testid="add-connection">
      <div className="card-head">
        <h2>Add a helpdesk</h2>
        <div>
          <button type="button" onClick={() => setKind("zendesk")} data-testid="add-zendesk">Zendesk</button>{" "}
          <button type="button" onClick={() => setKind("freshdesk")} data-testid="add-freshdesk">Freshdesk</button>
        </div>
      </div>
      {kind && <ConnectionForm key={kind} kind={kind} onSaved={() => setKind(null)} />}
    </section>
  );
}
