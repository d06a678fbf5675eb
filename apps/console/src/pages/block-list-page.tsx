import { FormEvent, useState } from 'react';
import type { BlocklistItemView, ConsentRecordView, ImportSummary } from '@optout/contracts/api-views';
import { accountPath, ApiClient } from '../api/client';
import type { EventOutcome, Page } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { PageButtons, useCursorPages } from '../components/cursor-pages';
import { PageTable } from '../components/page-table';
import { ErrorNote, Loading, useAction, useLoad } from '../components/request-state';
import { dateTime, eventKindWords, keywordOrRule, scopeWords, sourceWords, statusWords } from '../format';

const PAGE_SIZE = 25;

export function BlockListPage({ client, accountId }: { client: ApiClient; accountId: string }) {
  const [listRound, setListRound] = useState(0);
  const refreshList = () => setListRound((round) => round + 1);
  return (
    <>
      <NumberLookup client={client} accountId={accountId} onChanged={refreshList} />
      <BlockedNumbers client={client} accountId={accountId} round={listRound} />
      <CsvImport client={client} accountId={accountId} onImported={refreshList} />
    </>
  );
}

/** One number: where it stands, why (every ledger row), and a manual opt out / opt in. */
function NumberLookup({ client, accountId, onChanged }: { client: ApiClient; accountId: string; onChanged: () => void }) {
  const [phone, setPhone] = useState('');
  const [record, setRecord] = useState<ConsentRecordView | null>(null);
  const [outcomes, setOutcomes] = useState<Map<string, EventOutcome>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [changeError, setChangeError] = useState<unknown>(null);

  const look = async (number: string) => {
    setBusy(true);
    setError(null);
    setChangeError(null);
    try {
      const found = await client.get<ConsentRecordView>(accountPath(accountId, 'consent', number));
      setRecord(found);
      const ids = found.history.slice(-200).map((event) => event.eventId);
      const answer = ids.length ? await client.get<{ items: EventOutcome[] }>(accountPath(accountId, 'event-outcomes'), { eventId: ids.join(',') }) : { items: [] };
      setOutcomes(new Map(answer.items.map((outcome) => [outcome.eventId, outcome])));
    } catch (caught) {
      setRecord(null);
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const search = (event: FormEvent) => {
    event.preventDefault();
    if (phone.trim()) void look(phone.trim());
  };

  const change = async (method: 'PUT' | 'DELETE') => {
    if (!record) return;
    setChangeError(null);
    try {
      await client.request(method, accountPath(accountId, 'blocklist', record.phone), method === 'PUT' ? { json: { reason: 'by hand in the console' } } : {});
      await look(record.phone);
      onChanged();
    } catch (caught) {
      setChangeError(caught);
    }
  };

  return (
    <section className="card stack" aria-labelledby="lookup-title">
      <h2 id="lookup-title">Find a number</h2>
      <form onSubmit={search} className="row" role="search">
        <label htmlFor="phone-search">Phone number</label>
        <input id="phone-search" type="search" inputMode="tel" autoComplete="off" placeholder="+12025550123" value={phone} onChange={(event) => setPhone(event.target.value)} />
        <button type="submit" className="button-primary" disabled={busy}>
          Search
        </button>
      </form>
      {busy && <Loading what="the number's consent record" />}
      <ErrorNote error={error} />
      {record && (
        <div className="stack">
          <p className="status-line">
            <span className="mono">{record.phone}</span> <span className={`badge badge-${record.status}`} data-testid="consent-status">{statusWords(record.status)}</span>
            {record.since && <span> since {dateTime(record.since)}</span>}
            {record.source && <span> · {sourceWords(record.source)}</span>}
          </p>
          <div className="row">
            <ConfirmButton label="Opt out" question={`Block ${record.phone}? No text may be sent to it until it opts in again.`} danger disabled={record.status === 'opted_out'} onConfirm={() => void change('PUT')} />
            <ConfirmButton label="Opt in" question={`Record an opt-in for ${record.phone}? Only do this with the subscriber's consent.`} disabled={record.status !== 'opted_out'} onConfirm={() => void change('DELETE')} />
          </div>
          <ErrorNote error={changeError} />
          <h3>Consent timeline</h3>
          {record.history.length === 0 ? (
            <p>No ledger entry: this number never opted out or in.</p>
          ) : (
            <ol className="timeline" aria-label="Consent timeline">
              {record.history.map((event) => (
                <TimelineRow key={event.eventId} event={event} outcome={outcomes.get(event.eventId)} />
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}

function TimelineRow({ event, outcome }: { event: ConsentRecordView['history'][number]; outcome?: EventOutcome }) {
  const webhooks = outcome?.webhooks ?? [];
  return (
    <li className="timeline-row">
      <p>
        <strong>{eventKindWords(event.kind)}</strong> · <time dateTime={event.receivedAt}>{dateTime(event.receivedAt)}</time>
      </p>
      <dl className="facts">
        <dt>Keyword or rule</dt>
        <dd>{keywordOrRule(event.keyword, event.rule) ?? (event.reason ? `reason: ${event.reason}` : '—')}{event.scope ? ` (${scopeWords(event.scope)})` : ''}</dd>
        <dt>Source</dt>
        <dd>{sourceWords(event.source)}{event.apiKeyId ? ` · key ${event.apiKeyId.slice(0, 8)}` : ''}</dd>
        <dt>Profile version</dt>
        <dd>{event.profileVersion ?? '—'}</dd>
        <dt>Reply</dt>
        <dd>{outcome?.reply ? `${outcome.reply.status} after ${outcome.reply.attemptCount} attempt(s)${outcome.reply.lastError ? ` — ${outcome.reply.lastError}` : ''}` : 'none sent'}</dd>
        <dt>Webhooks</dt>
        <dd>{webhooks.length === 0 ? 'none' : webhooks.map((hook) => `${hook.status} (${hook.attemptCount} attempt(s)${hook.lastStatusCode ? `, HTTP ${hook.lastStatusCode}` : ''})`).join('; ')}</dd>
        {event.erasedAt && (
          <>
            <dt>Erased</dt>
            <dd>{dateTime(event.erasedAt)}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

/** The block list, a page at a time, newest first; export as CSV. */
function BlockedNumbers({ client, accountId, round }: { client: ApiClient; accountId: string; round: number }) {
  const pages = useCursorPages();
  const { cursor } = pages;
  const page = useLoad((signal) => client.get<Page<BlocklistItemView>>(accountPath(accountId, 'blocklist'), { limit: PAGE_SIZE, cursor }, signal), `${cursor ?? ''}#${round}`);
  const { busy: exporting, error: exportError, run } = useAction();

  const download = (history: boolean) =>
    run(async () => {
      const blob = await client.download(`${accountPath(accountId, 'blocklist', 'export')}${history ? '?include=history' : ''}`);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = history ? 'consent-ledger.csv' : 'blocklist.csv';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    });

  return (
    <section className="card stack" aria-labelledby="list-title">
      <h2 id="list-title">Blocked numbers</h2>
      <div className="row">
        <button type="button" disabled={exporting} onClick={() => void download(false)}>
          Export block list (CSV)
        </button>
        <button type="button" disabled={exporting} onClick={() => void download(true)}>
          Export whole ledger (CSV)
        </button>
      </div>
      <ErrorNote error={exportError} />
      {page.loading && <Loading what="the block list" />}
      <ErrorNote error={page.error} />
      {page.data && (
        <PageTable
          caption="Blocked numbers"
          columns={['Phone number', 'Since', 'Keyword', 'Source']}
          items={page.data.items}
          keyOf={(item) => item.phone}
          cells={(item) => (
            <>
              <td className="mono">{item.phone}</td>
              <td>{dateTime(item.since)}</td>
              <td>{item.keyword ?? '—'}</td>
              <td>{sourceWords(item.source)}</td>
            </>
          )}
          empty={`No blocked number${pages.onFirstPage ? ' yet' : ' on this page'}.`}
        />
      )}
      <PageButtons pages={pages} nextCursor={page.data?.nextCursor} />
    </section>
  );
}

/** Last year's opt-outs from a file: `phone[,optedOutAt][,keyword]`, streamed to POST …/blocklist/import. */
function CsvImport({ client, accountId, onImported }: { client: ApiClient; accountId: string; onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<unknown>(null);

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setSummary(null);
    setError(null);
    setProgress(0);
    try {
      setSummary(await client.upload<ImportSummary>(accountPath(accountId, 'blocklist', 'import'), file, 'text/csv', setProgress));
      onImported();
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  };

  return (
    <section className="card stack" aria-labelledby="import-title">
      <h2 id="import-title">Import opt-outs from CSV</h2>
      <p className="hint">One number per line: <code>phone[,optedOutAt][,keyword]</code>, a header line is optional. Rows with errors are listed; the others are imported.</p>
      <form onSubmit={upload} className="row">
        <label htmlFor="csv-file">CSV file</label>
        <input id="csv-file" type="file" accept=".csv,text/csv" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        <button type="submit" className="button-primary" disabled={!file || progress !== null}>
          Import
        </button>
      </form>
      {progress !== null && (
        <div className="stack">
          <label htmlFor="import-progress">{progress < 1 ? 'Uploading…' : 'Applying…'}</label>
          <progress id="import-progress" max={1} value={progress} />
        </div>
      )}
      <ErrorNote error={error} />
      {summary && (
        <div className="result" role="status" data-testid="import-summary">
          <p>
            <strong>Import finished:</strong> {summary.rows} rows read.
          </p>
          <dl className="facts">
            <dt>Applied</dt>
            <dd>{summary.applied}</dd>
            <dt>Unchanged</dt>
            <dd>{Math.max(0, summary.rows - summary.applied - summary.rejected)}</dd>
            <dt>Refused</dt>
            <dd>{summary.rejected}</dd>
          </dl>
          {summary.errors.length > 0 && (
            <ul className="errors-list" aria-label="Refused rows">
              {summary.errors.map((problem) => (
                <li key={`${problem.row}-${problem.code}`}>
                  Row {problem.row}: {problem.message}
                </li>
              ))}
              {summary.errorsTruncated && <li>… and more (only the first are listed).</li>}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
