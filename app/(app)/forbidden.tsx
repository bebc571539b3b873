import Link from "next/link";

/** Rendered with HTTP 403 when a page calls forbidden() (a query threw AuthError 403). */
export default function Forbidden() {
  return (
    <section className="card notice" data-testid="access-denied" role="alert">
      <h1>You do not have access to this page</h1>
      <p className="muted">Your role does not allow it. If you think it should, ask an admin.</p>
      <p>
        <Link href="/leaderboard">Back to the leaderboard</Link>
      </p>
    </section>
  );
}
