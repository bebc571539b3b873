"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/actions/define";

type Action = (prev: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/** A form posting to a server action; shows the outcome and re-renders the page when it worked. */
export function ActionForm({
  action,
  children,
  testId,
  okText,
  showPath,
}: {
  action: Action;
  children: React.ReactNode;
  testId: string;
  okText: string;
  /** Show `data.path` (a wallboard link) as a full URL after success. */
  showPath?: boolean;
}) {
  const [result, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  const router = useRouter();
  useEffect(() => {
    if (result?.ok && !showPath) router.refresh();
  }, [result, router, showPath]);
  const path = result?.ok ? (result.data as { path?: string } | undefined)?.path : undefined;
  return (
    <form action={formAction} className="filters" data-testid={testId} aria-busy={pending}>
      {children}
      <span role="status" aria-live="polite" className={result && !result.ok ? "error" : "ok"} data-testid={`${testId}-result`}>
        {/* These forms highlight no field, so a field's message follows the general one. */}
        {result ? (result.ok ? okText : [result.error, ...Object.values(result.fieldErrors ?? {}).flat()].join(" ")) : ""}
        {path && (
          <>
            {" "}
            <a href={path} data-testid="wallboard-url" target="_blank" rel="noreferrer">
              {typeof window === "undefined" ? path : `${window.location.origin}${path}`}
            </a>
          </>
        )}
      </span>
    </form>
  );
}
