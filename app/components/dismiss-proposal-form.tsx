"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { dismissProposalAction } from "@/lib/actions/rules";
import type { Texts } from "@/lib/i18n";

/** An admin declines a lead's proposal, with a reason the lead reads. */
/** `tx`: the page's `texts(locale, "dismissForm.")`. */
export function DismissProposalForm({ proposalId, tx }: { proposalId: number; tx: Texts<"dismissForm."> }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(dismissProposalAction, null);
  const router = useRouter();
  useEffect(() => {
    if (result?.ok) router.refresh();
  }, [result, router]);
  const reasonError = result && !result.ok ? result.fieldErrors?.reason?.join(" ") : undefined;
  return (
    <form action={action} className="resolve-form" data-testid="dismiss-proposal-form">
      <input type="hidden" name="proposalId" value={proposalId} />
      <div className="row">
        <input name="reason" placeholder={tx.placeholder} aria-label={tx.reason} aria-invalid={reasonError ? true : undefined} />
        <button type="submit" className="button-quiet" disabled={pending}>
          {tx.dismiss}
        </button>
      </div>
      <span role="status" className={result && !result.ok ? "error small" : "ok small"}>
        {result ? (result.ok ? tx.dismissed : (reasonError ?? result.error)) : ""}
      </span>
    </form>
  );
}
