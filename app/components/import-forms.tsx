"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { createImportConnectionAction, createPushTokenAction, importFileAction, revokePushTokenAction } from "@/lib/actions/import";
import type { FileImportOutcome } from "@/lib/import/admin";

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
export function ImportFileForm({ connectionId }: { connectionId: number }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(importFileAction, null);
  useRefreshOnSuccess(result);
  const out = result?.ok ? (result.data as FileImportOutcome) : null;
  return (
    <form action={action} className="import-form" data-testid="import-form">
      <input type="hidden" name="connectionId" value={connectionId} />
      <div className="import-fields">
        <label>
          File (CSV or JSON)
          <input type="file" name="file" accept=".csv,.json,.jsonl,.ndjson,text/csv,application/json" required data-testid="import-file" />
        </label>
        <label>
          Holds
          <select name="stream" defaultValue="tickets" data-testid="import-stream">
            <option value="tickets">tickets</option>
            <option value="ratings">ratings</option>
          </select>
        </label>
        <input type="hidden" name="format" value="auto" />
        <button type="submit" name="mode" value="preview" disabled={pending} data-testid="import-preview">
          {pending ? "Checking…" : "Preview"}
        </button>
        <button type="submit" name="mode" value="import" disabled={pending} data-testid="import-run">
          Import
        </button>
      </div>
      <Problem result={result} />
      {out && <ImportOutcome out={out} />}
    </form>
  );
}

function ImportOutcome({ out }: { out: FileImportOutcome }) {
  const ok = out.invalid === 0 && !out.fileError;
  let summary: string;
  if (out.imported) summary = `Imported ${out.fileName}: ${out.stored} ${out.stream} stored, ${out.rescored} tickets rescored.`;
  else if (ok) summary = `${out.fileName}: all ${out.rows} rows are valid. Nothing was written yet — press Import to store them.`;
  else if (out.fileError) summary = `${out.fileName} was not imported.`;
  else summary = `${out.fileName}: ${out.invalid} of ${out.rows} rows have problems (${out.valid} valid). Nothing was written: fix the rows and upload the file again.`;
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
          {out.invalid > out.errors.length && <li className="muted">…and {out.invalid - out.errors.length} more.</li>}
        </ul>
      )}
    </div>
  );
}

export function CreateImportConnectionForm() {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(createImportConnectionAction, null);
  useRefreshOnSuccess(result);
  return (
    <form action={action} className="inline-form" data-testid="import-connection-form">
      <label>
        Name
        <input name="name" required maxLength={100} placeholder="e.g. Legacy helpdesk" data-testid="import-connection-name" />
      </label>
      <button type="submit" disabled={pending} data-testid="import-connection-create">
        Create
      </button>
      <Problem result={result} />
    </form>
  );
}

export function CreateTokenForm({ connectionId }: { connectionId: number }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(createPushTokenAction, null);
  const token = result?.ok ? (result.data as { token: string }).token : null;
  return (
    <form action={action} className="inline-form" data-testid="token-form">
      <input type="hidden" name="connectionId" value={connectionId} />
      <label>
        New token for
        <input name="name" required maxLength={100} placeholder="script name" data-testid="token-name" />
      </label>
      <button type="submit" disabled={pending} data-testid="token-create">
        Create token
      </button>
      <Problem result={result} />
      {token && (
        <p className="token-once" data-testid="token-value">
          Copy it now, it is shown only once: <code>{token}</code>
        </p>
      )}
    </form>
  );
}

export function RevokeTokenForm({ tokenId }: { tokenId: number }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(revokePushTokenAction, null);
  useRefreshOnSuccess(result);
  return (
    <form action={action} data-testid="token-revoke-form">
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" disabled={pending} data-testid="token-revoke">
        Revoke
      </button>
      <Problem result={result} />
    </form>
  );
}
