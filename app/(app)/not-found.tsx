import Link from "next/link";

export default function NotFound() {
  return (
    <section className="card notice" data-testid="not-found">
      <h1>Not found</h1>
      <p className="muted">There is nothing here, or it was removed.</p>
      <p>
        <Link href="/leaderboard">Back to the leaderboard</Link>
      </p>
    </section>
  );
}
