/** The virtual crown of #1. */
export function Crown() {
  return (
    <span className="crown" data-testid="crown" role="img" aria-label="Crown" title="Crown: #1 of this board">
      👑
    </span>
  );
}
