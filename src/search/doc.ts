// What the keyword index keeps of a paper: the text it scores and the fields it filters on.
import type { Paper } from '../model/paper.js';

export interface IndexDoc {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  /** The paper's date as a number yyyymmdd (first version's publication, else first listing). */
  day: number;
  hasCode: boolean;
}

/** yyyymmdd from an ISO date or timestamp; 0 when it is not one. */
export function dayNumber(iso: string | null | undefined): number {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) : 0;
}

/** The index's view of a stored paper. */
export function docOf(p: Paper): IndexDoc {
  return {
    id: p.id,
    title: p.title,
    abstract: p.abstract,
    authors: p.authors,
    categories: p.categories,
    day: dayNumber(p.published) || dayNumber(p.firstSeen),
    hasCode: p.codeUrls.length > 0,
  };
}
