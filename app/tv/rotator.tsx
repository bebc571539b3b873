"use client";
import { Children, useEffect, useState } from "react";

/**
 * The wallboard's client part: shows one panel at a time and reloads the page every `reloadSeconds`
 * (a fresh document each time, so nothing accumulates over days). When the server is down the
 * probe fails and it simply tries again later, so the screen comes back after a restart by itself.
 */
export function Rotator({ children, rotateSeconds = 15, reloadSeconds = 60 }: { children: React.ReactNode; rotateSeconds?: number; reloadSeconds?: number }) {
  const panels = Children.toArray(children);
  const [i, setI] = useState(0);
  useEffect(() => {
    const rot = setInterval(() => setI((n) => (n + 1) % Math.max(1, panels.length)), rotateSeconds * 1000);
    let timer: ReturnType<typeof setTimeout>;
    const probe = async () => {
      try {
        const r = await fetch(window.location.href, { method: "HEAD", cache: "no-store" });
        if (r.status < 500) {
          window.location.reload();
          return;
        }
      } catch {
        /* server restarting: try again soon */
      }
      timer = setTimeout(probe, 10_000);
    };
    timer = setTimeout(probe, reloadSeconds * 1000);
    return () => {
      clearInterval(rot);
      clearTimeout(timer);
    };
  }, [panels.length, rotateSeconds, reloadSeconds]);
  return (
    <>
      {panels.map((p, n) => (
        <div key={n} hidden={n !== i} data-testid="tv-panel" data-active={n === i ? "true" : undefined}>
          {p}
        </div>
      ))}
    </>
  );
}
