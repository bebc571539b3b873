"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";

/** Texts come from the signed-in layout, in the viewer's language. */
export function SignOutButton({ text = "Sign out", pendingText = "Signing out…" }: { text?: string; pendingText?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button-quiet"
      data-testid="sign-out"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/signin" });
      }}
    >
      {pending ? pendingText : text}
    </button>
  );
}
