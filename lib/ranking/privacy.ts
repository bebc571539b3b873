/**
 * What an engineer may see of the individual board under their team's privacy mode. Pure: takes
 * the full ranked list, returns the rows to send (hidden identities already blanked).
 */

export type PrivacyMode = "full" | "top_and_me" | "neighbours" | "names_hidden";

export type Identified = { engineerId: number | null; name: string | null; teamId: number | null; teamName: string | null; isOwn: boolean };

export type PrivateView<T> = { rows: T[]; own: T | null; ownInRows: boolean };

/** Top `top` rows named; the viewer's own row always; `neighbours` = own ± `reach`. */
export function applyPrivacy<T extends Identified>(ranked: readonly T[], mode: PrivacyMode, top = 10, reach = 2): PrivateView<T> {
  const ownIndex = ranked.findIndex((r) => r.isOwn);
  const own = ownIndex >= 0 ? ranked[ownIndex]! : null;
  const view = (rows: T[]): PrivateView<T> => ({ rows, own, ownInRows: own !== null && rows.includes(own) });
  switch (mode) {
    case "full":
      return view([...ranked]);
    case "top_and_me":
      return view(ranked.slice(0, top));
    case "neighbours":
      // Without an own row there are no neighbours: the top alone.
      if (ownIndex < 0) return view(ranked.slice(0, top));
      return view(ranked.slice(Math.max(0, ownIndex - reach), ownIndex + reach + 1));
    case "names_hidden": {
      const rows = ranked.map((r, i) => (i < top || r.isOwn ? r : ({ ...r, engineerId: null, name: null, teamId: null, teamName: null } as T)));
      return { rows, own, ownInRows: own !== null };
    }
  }
}
