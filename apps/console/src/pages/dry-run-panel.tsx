import { FormEvent, useState } from 'react';
import { accountPath, ApiClient } from '../api/client';
import type { Classification, ProfileDocument } from '../api/types';
import { ErrorNote } from '../components/request-state';
import { keywordOrRule, outcomeWords, plural, scopeWords } from '../format';

/**
 * "What would happen if a subscriber texted this?" — POST …/compliance/classify, which records,
 * replies and announces nothing. With `draft`, against that unsaved profile instead of the saved one.
 */
export function DryRunPanel({ client, accountId, draft, idPrefix = 'dry-run' }: { client: ApiClient; accountId: string; draft?: ProfileDocument; idPrefix?: string }) {
  const [message, setMessage] = useState('STOP');
  const [from, setFrom] = useState('+12025550123');
  const [result, setResult] = useState<Classification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const classify = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await client.request<Classification>('POST', accountPath(accountId, 'compliance', 'classify'), { json: { body: message, from, ...(draft ? { profile: draft } : {}) } }));
    } catch (caught) {
      setResult(null);
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby={`${idPrefix}-title`}>
      <h2 id={`${idPrefix}-title`}>{draft ? 'Dry run against this draft' : 'Dry run'}</h2>
      <p className="hint">{draft ? 'Classifies with the profile as edited here, before it is saved.' : 'Classifies a text with the saved profile. Nothing is recorded, replied or sent.'}</p>
      <form onSubmit={classify} className="stack">
        <label htmlFor={`${idPrefix}-message`}>Message</label>
        <textarea id={`${idPrefix}-message`} rows={2} maxLength={1600} value={message} onChange={(event) => setMessage(event.target.value)} />
        <label htmlFor={`${idPrefix}-from`}>From</label>
        <input id={`${idPrefix}-from`} inputMode="tel" autoComplete="off" value={from} onChange={(event) => setFrom(event.target.value)} required />
        <div>
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Classifying…' : 'Classify'}
          </button>
        </div>
      </form>
      <ErrorNote error={error} />
      {result && <ClassificationResult result={result} />}
    </section>
  );
}

function ClassificationResult({ result }: { result: Classification }) {
  return (
    <div className="result" role="status" aria-live="polite">
      <p className={`outcome outcome-${result.kind ?? 'none'}`} data-testid="outcome">
        {outcomeWords(result.kind)}
      </p>
      <dl className="facts">
        <dt>Keyword or rule</dt>
        <dd data-testid="keyword-or-rule">{keywordOrRule(result.keyword, result.rule) ?? '—'}</dd>
        <dt>Scope</dt>
        <dd>{scopeWords(result.scope)}</dd>
        <dt>Language</dt>
        <dd>{result.language ?? '—'}</dd>
        <dt>Country</dt>
        <dd>{result.country ?? '—'}</dd>
        <dt>Profile</dt>
        <dd>{result.profileVersion === null ? 'unsaved draft' : result.profileVersion === 0 ? 'defaults (version 0)' : `version ${result.profileVersion}`}</dd>
        <dt>Reply</dt>
        <dd>{result.reply ?? 'no reply'}</dd>
        {result.replySegments && (
          <>
            <dt>Reply cost</dt>
            <dd data-testid="reply-segments">
              {plural(result.replySegments.segments, 'SMS segment')}, {result.replySegments.encoding}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
