"use client";
import "./editor.css";
import { useRouter } from "next/navigation";
import { createContext, useActionState, useContext, useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { openDisputeAction } from "@/lib/actions/disputes";
import type { Texts } from "@/lib/i18n";

// "Dispute" on one of the engineer's own ledger rows: a comment for the team lead. The form is
// rendered once the box is opened: server-rendering a form with its action fields on every row of
// the engineer page was a fifth of its HTML and render time.

const DisputeTextsContext = createContext<Texts<"dispForm."> | null>(null);

/**
 * The form's texts (the page's `texts(locale, "dispForm.")`) once for a whole ledger table: passed
 * to each row's control they were serialised into the page payload once per row.
 */
export function DisputeTexts({ tx, children }: { tx: Texts<"dispForm.">; children: React.ReactNode }) {
  return <DisputeTextsContext value={tx}>{children}</DisputeTextsContext>;
}

/** Inside `<DisputeTexts>`. */
export function DisputeControl({ ledgerId }: { ledgerId: number }) {
  const tx = useContext(DisputeTextsContext);
  if (!tx) throw new Error("DisputeControl needs <DisputeTexts> around it.");
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(openDisputeAction, null);
  const [comment, setComment] = useState("");
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDetailsElement>(null);
  const router = useRouter();
  useEffect(() => {
    if (result?.ok) router.refresh();
  }, [result, router]);
  // Opened before hydration: the toggle event was missed.
  useEffect(() => {
    if (box.current?.open) setOpen(true);
  }, []);
  const fe = (result && !result.ok && result.fieldErrors) || {};
  return (
    <details className="dispute-box" data-testid="dispute-control" ref={box} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="small">{tx.dispute}</summary>
      {open && (
        <form action={action}>
          <input type="hidden" name="ledgerId" value={ledgerId} />
          <label className="small">
            {tx.what}
            <textarea name="comment" value={comment} onChange={(e) => setComment(e.target.value)} data-testid="dispute-comment" aria-invalid={fe.comment ? true : undefined} />
          </label>
          {fe.comment && <p className="field-error">{fe.comment.join(" ")}</p>}
          <button type="submit" disabled={pending} data-testid="dispute-submit">
            {pending ? tx.sending : tx.send}
          </button>{" "}
          <span role="status" className={result && !result.ok ? "error small" : "ok small"}>
            {result ? (result.ok ? tx.sent : result.error) : ""}
          </span>
        </form>
      )}
    </details>
  );
}
