import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requestLocale } from "@/app/_lib/request-locale";
import { Logo } from "@/app/components/logo";
import { getViewer } from "@/lib/auth/session";
import { t, texts } from "@/lib/i18n";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

// Nobody is signed in here: the browser's language (Accept-Language).
export const generateMetadata = async (): Promise<Metadata> => ({ title: t(await requestLocale(), "title.signin") });

/** Only same-site paths are followed after sign-in. */
function safeCallback(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/leaderboard";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getViewer()) redirect(callbackUrl);
  const L = await requestLocale();
  return (
    <main className="signin">
      <h1>
        <Logo /> Podium
      </h1>
      <p className="muted">{t(L, "signin.lead")}</p>
      <SignInForm callbackUrl={callbackUrl} text={texts(L, "signinForm.")} />
    </main>
  );
}
