import { useState } from 'react';

/**
 * Paging as the API does it: each answer carries the cursor of the next page, so "back"
 * is a stack of the cursors followed. Only "first" and "next" are offered (the API has no
 * previous-page cursor).
 */
export interface CursorPages {
  /** The cursor of the page shown; undefined on the first page. */
  cursor: string | undefined;
  onFirstPage: boolean;
  first: () => void;
  next: (cursor: string) => void;
}

export function useCursorPages(): CursorPages {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursor: cursors[cursors.length - 1],
    onFirstPage: cursors.length === 0,
    first: () => setCursors([]),
    next: (cursor) => setCursors([...cursors, cursor]),
  };
}

/** "First page" and "Next page"; `nextCursor` is the shown page's (null on the last page, undefined while loading). */
export function PageButtons({ pages, nextCursor }: { pages: CursorPages; nextCursor: string | null | undefined }) {
  return (
    <div className="row">
      <button type="button" disabled={pages.onFirstPage} onClick={pages.first}>
        First page
      </button>
      <button type="button" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        Next page
      </button>
    </div>
  );
}
