/** The podium mark beside the name: three steps, drawn inline so no font is needed. */
export function Logo() {
  return (
    <svg viewBox="0 0 24 20" width="1.1em" height="0.95em" aria-hidden focusable="false" style={{ verticalAlign: "-0.1em" }}>
      <rect x="8" y="4" width="8" height="16" rx="1" fill="#f5b301" />
      <rect x="0" y="9" width="8" height="11" rx="1" fill="#a0aec0" />
      <rect x="16" y="12" width="8" height="8" rx="1" fill="#c05621" />
    </svg>
  );
}
