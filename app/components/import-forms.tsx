"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { createImportConnectionAction, createPushTokenAction, importFileAction, revokePushTokenAction } from "@/lib/actions/import";
import type { FileImportOutcome } from "@/lib/import/admin";
import type { Texts } from "@/lib/i18n";
import { fill } from "@/lib/i18n/fill";

/** The page passes `texts(locale, "impForm.")`: only these strings reach the browser. */
type T = Texts<"impForm.">;

function useRefreshOnSuccess(result: ActionResult | null) {
  const router = useRouter();
  useEffect(() => {
    if (result?.ok) router.refresh();
  }, [result, router]);
}

function Problem({ result }: { result: ActionResult | null }) {
  if (!result || result.ok) return null;
  const fields = Object.values(result.fieldErrors ?? {}).flat();
  return (
    <p role="alert" className="error" data-testid="form-error">
      {result.error} {fields.join(" ")}
    </p>
  );
}

/** Upload a file: "Preview" checks every row; "Import" writes when all are valid. */
export function ImportFileForm({ connectionId, tx }: { connectionId: number; tx: T }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(importFileAction, null);
  useRefreshOnSuccess(result);
  const out = result?.ok ? (result.data as FileImportOutcome) : null;
  return (
    <form action={action} className="import-form" data-testid="import-form">
      <input type="hidden" name="connectionId" value={connectionId} />
      <div className="import-fields">
        <label>
          {tx.file}
          <input type="file" name="file" accept=".csv,.json,.jsonl,.ndjson,text/csv,application/json" required data-testid="import-file" />
        </label>
        <label>
          {tx.holds}
          <select name="stream" defaultValue="tickets" data-testid="import-stream">
            <option value="tickets">{tx.tickets}</option>
            <option value="ratings">{tx.ratings}</option>
          </select>
        </label>
        <input type="hidden" name="format" value="auto" />
        <button type="submit" name="mode" value="preview" disabled={pending} data-testid="import-preview">
          {pending ? tx.checking : tx.preview}
        </button>
        <button type="submit" name="mode" value="import" disabled={pending} data-testid="import-run">
          {tx.import}
        </button>
      </div>
      <Problem result={result} />
      {out && <ImportOutcome out={out} tx={tx} />}
    </form>
  );
}

function ImportOutcome({ out, tx }: { out: FileImportOutcome; tx: T }) {
  const ok = out.invalid === 0 && !out.fileError;
  const file = out.fileName;
  let summary: string;
  if (out.imported) summary = fill(tx.imported, { file, stored: out.stored, stream: out.stream === "ratings" ? tx.ratings : tx.tickets, rescored: out.rescored });
  else if (ok) summary = fill(tx.allValid, { file, rows: out.rows });
  else if (out.fileError) summary = fill(tx.notImported, { file });
  else summary = fill(tx.problems, { file, invalid: out.invalid, rows: out.rows, valid: out.valid });
  return (
    <div className={`import-outcome ${ok ? "ok" : "warn"}`} role="status" data-testid="import-outcome" data-imported={out.imported}>
      <p data-testid="import-summary">{summary}</p>
      {out.errors.length > 0 && (
        <ul className="import-errors" data-testid="import-errors">
          {out.errors.map((e, i) => (
            <li key={i} data-testid="import-error">
              {e.message}
            </li>
          ))}
          {out.invalid > out.errors.length && <li className="muted">{fill(tx.more, { n: out.invalid - out.errors.length })}</li>}
        </ul>
      )}
    </div>
  );
}

export function CreateImportConnectionForm({ tx }: { tx: T }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(createImportConnectionAction, null);
  useRefreshOnSuccess(result);
  return (
    <form action={action} className="inline-form" data-testid="import-connection-form">
      <label>
        {tx.name}
        <input name="name" required maxLength={100} placeholder={tx.namePlaceholder} data-testid="import-connection-name" />
      </label>
      <button type="submit" disabled={pending} data-testid="import-connection-create">
        {tx.create}
      </button>
      <Problem result={result} />
    </form>
  );
}

export function CreateTokenForm({ connectionId, tx }: { connectionId: number; tx: T }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(createPushTokenAction, null);
  const token = result?.ok ? (result.data as { token: string }).token : null;
  return (
    <form action={action} className="inline-form" data-testid="token-form">
      <input type="hidden" name="connectionId" value={connectionId} />
      <label>
        {tx.tokenFor}
        <input name="name" required maxLength={100} placeholder={tx.scriptName} data-testid="token-name" />
      </label>
      <button type="submit" disabled={pending} data-testid="token-create">
        {tx.createToken}
      </button>
      <Problem result={result} />
      {token && (
        <p className="token-once" data-testid="token-value">
          {tx.copyOnce} <code>{token}</code>
        </p>
      )}
    </form>
  );
}

export function RevokeTokenForm({ tokenId, tx }: { tokenId: number; tx: T }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(revokePushTokenAction, null);
  useRefreshOnSuccess(result);
  return (
    <form action={action} data-testid="token-revoke-form">
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" disabled={pending} data-testid="token-revoke">
        {tx.revoke}
      </button>
      <Problem result={result} />
    </form>
  );
}
