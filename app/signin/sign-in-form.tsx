"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import type { Texts } from "@/lib/i18n";

export function SignInForm({ callbackUrl, text }: { callbackUrl: string; text: Texts<"signinForm."> }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (res?.ok && !res.error) {
      window.location.assign(callbackUrl);
      return;
    }
    // One message for an unknown email and a wrong password: nothing tells which accounts exist.
    setError(text.wrong);
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="card signin-form" aria-label={text.form}>
      <label>
        {text.email}
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        {text.password}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p role="alert" className="error" data-testid="signin-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? text.pending : text.submit}
      </button>
    </form>
  );
}
