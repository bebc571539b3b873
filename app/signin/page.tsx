import { redirect } from "next/navigation";
import { Logo } from "@/app/components/logo";
import { getViewer } from "@/lib/auth/session";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

/** Only same-site paths are followed after sign-in. */
function safeCallback(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/leaderboard";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getViewer()) redirect(callbackUrl);
  return (
    <main className="signin">
      <h1>
        <Logo /> Podium
      </h1>
      <p className="muted">Sign in to see the leaderboards.</p>
      <SignInForm callbackUrl={callbackUrl} />
    </main>
  );
}
