import { useCallback, useEffect, useState } from 'react';
import type { ReviewView } from '@optout/contracts/api-views';
import { ApiError } from '../api/api-error';
import { accountPath, ApiClient } from '../api/client';
import type { Page } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { ErrorNote, Loading, useAction } from '../components/request-state';
import { dateTime } from '../format';

type Decision = 'optOut' | 'dismiss';

/**
 * The review queue (reasonable revocation mode): texts a person must decide on, oldest first,
 * 100 a page from the API, "More" appends the next page after the last one's cursor.
 */
export function ReviewsPage({ client, accountId }: { client: ApiClient; accountId: string }) {
  const [items, setItems] = useState<ReviewView[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    async (cursor: string | undefined, signal?: AbortSignal) => {
      setLoading(true);
      setError(null);
      try {
        const page = await client.get<Page<ReviewView>>(accountPath(accountId, 'reviews'), { status: 'pending', cursor }, signal);
        setItems((previous) => (cursor ? [...previous, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
      } catch (caught) {
        if ((caught as Error).name === 'AbortError') return;
        setError(caught);
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [client, accountId],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(undefined, controller.signal);
    return () => controller.abort();
  }, [load]);

  return (
    <section className="card stack" aria-labelledby="reviews-title">
      <h2 id="reviews-title">Texts waiting for review</h2>
      <p className="hint">
        In <code>reasonable</code> revocation mode, texts that may be a request to stop but may not be wait here, oldest first. Decide each before its
        deadline (10 business days after it was received): <strong>Opt out</strong> blocks the number as of the text&apos;s time and sends the
        confirmation; <strong>Dismiss</strong> changes nothing but the review.
      </p>
      <div className="row">
        <button type="button" disabled={loading} onClick={() => void load(undefined)}>
          Refresh
        </button>
      </div>
      {loading && <Loading what="the review queue" />}
      <ErrorNote error={error} />
      {items.length === 0 && !loading && !error && <p>No text is waiting for review.</p>}
      {items.length > 0 && (
        <ol className="reviews" aria-label="Pending reviews">
          {items.map((review) => (
            <ReviewItem key={review.id} review={review} client={client} accountId={accountId} />
          ))}
        </ol>
      )}
      {nextCursor && (
        <div className="row">
          <button type="button" disabled={loading} onClick={() => void load(nextCursor)}>
            More
          </button>
        </div>
      )}
    </section>
  );
}

/** One pending text and its two decisions, each confirmed in place; the answer replaces the buttons. */
function ReviewItem({ review, client, accountId }: { review: ReviewView; client: ApiClient; accountId: string }) {
  const [decided, setDecided] = useState<ReviewView | null>(null);
  const { busy, error, run } = useAction();
  const overdue = new Date(review.deadline).getTime() < Date.now();

  const decide = (decision: Decision) => run(async () => setDecided(await client.request<ReviewView>('POST', accountPath(accountId, 'reviews', review.id), { json: { decision } })));

  const alreadyDecided = error instanceof ApiError && error.status === 409;
  return (
    <li className="review" data-testid="review" aria-labelledby={`review-${review.id}-from`}>
      <p className="review-body wrap">{review.body}</p>
      <dl className="facts">
        <dt>From</dt>
        <dd className="mono" id={`review-${review.id}-from`}>
          {review.phone}
        </dd>
        <dt>To</dt>
        <dd className="mono">{review.sender}</dd>
        <dt>Received</dt>
        <dd>
          <time dateTime={review.receivedAt}>{dateTime(review.receivedAt)}</time>
        </dd>
        <dt>Rule</dt>
        <dd className="mono">{review.rule}</dd>
        <dt>Language</dt>
        <dd>{review.language ?? '—'}</dd>
        <dt>Deadline</dt>
        <dd>
          <time dateTime={review.deadline}>{dateTime(review.deadline)}</time> {overdue && <span className="badge badge-overdue">Overdue</span>}
        </dd>
      </dl>
      {decided ? (
        <p className="note note-ok" role="status">
          {decided.decision === 'optOut' ? `Opted out: ${decided.phone} is blocked as of ${dateTime(decided.receivedAt)}.` : 'Dismissed: nothing was changed.'}
        </p>
      ) : alreadyDecided ? (
        <p className="note note-error" role="alert">
          Already decided: someone else decided this review first (409). Refresh to see the queue as it is now.
        </p>
      ) : (
        <div className="row">
          <ConfirmButton label="Opt out" question={`Opt ${review.phone} out as of this text?`} danger disabled={busy} onConfirm={() => void decide('optOut')} />
          <ConfirmButton label="Dismiss" question="Dismiss this text? Nothing is changed for the number." disabled={busy} onConfirm={() => void decide('dismiss')} />
          {busy && <span role="status">Saving the decision…</span>}
        </div>
      )}
      {!alreadyDecided && <ErrorNote error={error} />}
    </li>
  );
}
