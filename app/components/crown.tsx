import { t } from "@/lib/i18n";

/** The virtual crown of #1. An inline SVG, so it shows on machines without an emoji font (wallboards). */
export function Crown({ locale = "en" }: { locale?: string }) {
  return (
    <span className="crown" data-testid="crown" role="img" aria-label={t(locale, "crown.label")} title={t(locale, "crown.title")}>
      <svg viewBox="0 0 24 18" width="1.2em" height="0.9em" aria-hidden focusable="false">
        <path d="M2 15 L1 4 L7 9 L12 1 L17 9 L23 4 L22 15 Z" fill="#f5b301" stroke="#b7791f" strokeWidth="1.2" strokeLinejoin="round" />
        <rect x="2" y="15" width="20" height="2.5" rx="1" fill="#d69e2e" />
      </svg>
    </span>
  );
}
