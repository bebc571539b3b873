"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** A navigation link that marks itself as the current page (also for the pages below it). */
export function NavLink({ href, children, testId }: { href: string; children: React.ReactNode; testId?: string }) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} aria-current={current ? "page" : undefined} data-testid={testId}>
      {children}
    </Link>
  );
}
