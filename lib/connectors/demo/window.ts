/**
 * Incremental paging over a stream ordered by (updatedAt, externalId), the way helpdesk export
 * APIs page. The cursor is the last position returned; a record is in the next page when its
 * current position is after it. Works with a moving `now`: anything that changes later gets a
 * later updatedAt, so it comes after any cursor handed out earlier.
 */

export type Position = { t: number; id: string };

const START = "start";

export function encodeCursor(p: Position | null): string {
  return p === null ? START : `${new Date(p.t).toISOString()}|${p.id}`;
}

export function decodeCursor(cursor: string | null): Position | null {
  if (cursor === null || cursor === START) return null;
  const bar = cursor.indexOf("|");
  const t = bar > 0 ? Date.parse(cursor.slice(0, bar)) : NaN;
  if (Number.isNaN(t)) throw new Error(`The demo cursor "${cursor}" is not one this connector handed out.`);
  return { t, id: cursor.slice(bar + 1) };
}

export const comparePositions = (a: Position, b: Position) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export type ScanOptions = {
  from: Position | null;
  now: number;
  pageSize: number;
  /** The first index that can have a position after `from`. */
  firstIndex: number;
  /** Creation time of item k, never decreasing in k, and never after the item's position. */
  createdAt: (k: number) => number;
  /** The item's position at `now`, or null when it has none (yet). */
  positionOf: (k: number) => Position | null;
};

/**
 * The next page of item indexes after `from`. Scans indexes upward and stops as soon as items
 * created later cannot beat the page's last position, so work stays close to one page.
 */
export function scanWindow(o: ScanOptions): { items: (Position & { k: number })[]; hasMore: boolean } {
  const keep = o.pageSize + 1; // one extra tells whether more remain
  let items: (Position & { k: number })[] = [];
  let threshold = Infinity;
  const trim = () => {
    items.sort(comparePositions);
    if (items.length >= keep) {
      items = items.slice(0, keep);
      threshold = items[keep - 1]!.t;
    }
  };
  for (let k = Math.max(0, o.firstIndex); ; k++) {
    const created = o.createdAt(k);
    if (created > o.now || created > threshold) break;
    const pos = o.positionOf(k);
    // Positions after the current page's last one cannot make the page.
    if (pos && pos.t <= threshold && (o.from === null || comparePositions(pos, o.from) > 0)) {
      items.push({ ...pos, k });
      // Trim as soon as a page is full (that sets the threshold), then every further page's worth.
      if (items.length === keep || items.length >= 2 * keep) trim();
    }
  }
  trim();
  return { items: items.slice(0, o.pageSize), hasMore: items.length > o.pageSize };
}
