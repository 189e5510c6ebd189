// Text with the query's matched words wrapped in <mark>; every piece is escaped by JSX.
import { snippetPieces, type Snippet } from '../../search/snippet.js';

/** Renders a snippet (or a highlighted title) as text and <mark> elements. */
export function Marked({ s }: { s: Snippet }) {
  return <>{snippetPieces(s).map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}</>;
}
