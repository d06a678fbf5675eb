import { useEffect, useState } from 'react';
import { ApiError } from '../api/api-error';
import { accountPath, ApiClient } from '../api/client';
import type { KindSettings, ProfileOverride } from '@optout/compliance/compliance-profile.types';
import type { ProfileDocument, ProfileView } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { describedBy, FieldError, idOfPath } from '../components/field-error';
import { ErrorNote, Loading, useLoad } from '../components/request-state';
import { SegmentCounter } from '../components/segment-counter';
import { dateTime } from '../format';
import { documentToSend, draftOf, FieldErrors, fieldErrorsOf, KindKey, KINDS } from '../profile-draft';
import { DryRunPanel } from './dry-run-panel';

const NO_ERRORS: FieldErrors = new Map();

export function ProfilePage({ client, accountId }: { client: ApiClient; accountId: string }) {
  const [round, setRound] = useState(0);
  const saved = useLoad((signal) => client.get<ProfileView>(accountPath(accountId, 'compliance'), undefined, signal), String(round));
  const versions = useLoad((signal) => client.get<{ items: Array<{ version: number; savedAt: string; savedBy: { apiKeyId: string; keyPrefix: string | null } | null }> }>(accountPath(accountId, 'compliance', 'versions'), undefined, signal), String(round));
  const [draft, setDraft] = useState<ProfileDocument | null>(null);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<ProfileView['warnings']>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (saved.data) {
      setDraft(draftOf(saved.data));
      setWarnings(saved.data.warnings);
    }
  }, [saved.data]);

  const put = async (document: ProfileDocument, done: (view: ProfileView) => string) => {
    setBusy(true);
    setSaveError(null);
    setNotice(null);
    try {
      const view = await client.request<ProfileView>('PUT', accountPath(accountId, 'compliance'), { json: document });
      setErrors(NO_ERRORS);
      setNotice(done(view));
      setRound((value) => value + 1);
    } catch (caught) {
      setSaveError(caught);
      setErrors(caught instanceof ApiError && caught.details.length ? fieldErrorsOf(caught.details) : NO_ERRORS);
    } finally {
      setBusy(false);
    }
  };

  const restore = async (version: number) => {
    setBusy(true);
    setSaveError(null);
    try {
      const old = await client.get<ProfileView>(accountPath(accountId, 'compliance'), { version });
      setBusy(false);
      await put(draftOf(old), (view) => `Version ${version} restored as version ${view.version}.`);
    } catch (caught) {
      setSaveError(caught);
      setBusy(false);
    }
  };

  if (saved.error && !saved.data) return <ErrorNote error={saved.error} />;
  if (!draft) return <Loading what="the compliance profile" />;

  const update = (change: (copy: ProfileDocument) => void) => {
    const copy = structuredClone(draft);
    change(copy);
    setDraft(copy);
  };

  return (
    <div className="split">
      <form
        className="card stack editor"
        aria-labelledby="profile-title"
        onSubmit={(event) => {
          event.preventDefault();
          void put(documentToSend(draft), (view) => `Saved as version ${view.version}.`);
        }}
      >
        <h2 id="profile-title">Compliance profile</h2>
        <p className="hint">
          {saved.data?.version ? `Editing version ${saved.data.version}, saved ${dateTime(saved.data.savedAt)}.` : 'This account uses the defaults (version 0).'} Saving stores a new version; nothing is applied if any rule is broken.
        </p>
        {KINDS.map(({ key, label }) => (
          <KindEditor key={key} kind={key} label={label} settings={draft[key]} errors={errors} pathPrefix={key} onChange={(settings) => update((copy) => (copy[key] = settings))} />
        ))}
        <h3>Overrides by country and language</h3>
        <p className="hint">Keywords here add to the global ones; a message here replaces the global one for subscribers it applies to.</p>
        <FieldError errors={errors} path="overrides" />
        {draft.overrides.map((override, index) => (
          <OverrideEditor
            key={index}
            index={index}
            override={override}
            errors={errors}
            onChange={(next) => update((copy) => (copy.overrides[index] = next))}
            onRemove={() => update((copy) => copy.overrides.splice(index, 1))}
          />
        ))}
        <div className="row">
          <button type="button" onClick={() => update((copy) => copy.overrides.push({ language: '' }))}>
            Add override
          </button>
        </div>
        <div className="row sticky-actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save profile'}
          </button>
          <button type="button" disabled={busy || !saved.data} onClick={() => saved.data && (setDraft(draftOf(saved.data)), setErrors(NO_ERRORS), setSaveError(null))}>
            Discard changes
          </button>
        </div>
        <FieldError errors={errors} path="" />
        <ErrorNote error={saveError} />
        {notice && (
          <p className="note note-ok" role="status">
            {notice}
          </p>
        )}
        {warnings.length > 0 && (
          <ul className="warnings" aria-label="Warnings">
            {warnings.map((warning, index) => (
              <li key={index}>
                {warning.path ? <code>{warning.path}</code> : null} {warning.message}
              </li>
            ))}
          </ul>
        )}
      </form>
      <div className="stack side">
        <DryRunPanel client={client} accountId={accountId} draft={documentToSend(draft)} idPrefix="draft-dry-run" />
        <section className="card stack" aria-labelledby="versions-title">
          <h2 id="versions-title">Versions</h2>
          {versions.loading && <Loading what="versions" />}
          <ErrorNote error={versions.error} />
          {versions.data && versions.data.items.length === 0 && <p>No saved version yet: the defaults apply.</p>}
          {versions.data && versions.data.items.length > 0 && (
            <ol className="versions">
              {versions.data.items.map((item, index) => (
                <li key={item.version} className="row">
                  <span>
                    Version {item.version} · {dateTime(item.savedAt)}
                    {item.savedBy ? ` · key ${item.savedBy.keyPrefix ? `${item.savedBy.keyPrefix}…` : item.savedBy.apiKeyId.slice(0, 8)}` : ''}
                    {index === 0 ? ' (current)' : ''}
                  </span>
                  {index > 0 && <ConfirmButton label={`Restore version ${item.version}`} question={`Save version ${item.version} again as the current profile?`} disabled={busy} onConfirm={() => void restore(item.version)} />}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}

function KindEditor({ kind, label, settings, errors, pathPrefix, onChange, optional }: { kind: KindKey; label: string; settings: KindSettings | undefined; errors: FieldErrors; pathPrefix: string; onChange: (settings: KindSettings) => void; optional?: boolean }) {
  const keywords = settings?.keywords ?? [];
  const message = settings?.message ?? '';
  const messagePath = `${pathPrefix}.message`;
  const keywordsPath = `${pathPrefix}.keywords`;
  return (
    <fieldset className="stack kind">
      <legend>{label}</legend>
      <FieldError errors={errors} path={pathPrefix} />
      <div className="stack" role="group" aria-label={`${label} keywords`}>
        <span className="label">{label} keywords</span>
        <FieldError errors={errors} path={keywordsPath} />
        {keywords.map((keyword, index) => {
          const path = `${keywordsPath}[${index}]`;
          return (
            <div key={index} className="keyword">
              <div className="row">
                <label className="visually-hidden" htmlFor={idOfPath(path)}>
                  {label} keyword {index + 1}
                </label>
                <input
                  id={idOfPath(path)}
                  value={keyword}
                  aria-invalid={errors.has(path) || undefined}
                  aria-describedby={describedBy(errors, path)}
                  onChange={(event) => onChange({ ...settings, keywords: keywords.map((old, at) => (at === index ? event.target.value : old)) })}
                />
                <button type="button" aria-label={`Remove ${label.toLowerCase()} keyword ${keyword || index + 1}`} onClick={() => onChange({ ...settings, keywords: keywords.filter((_, at) => at !== index) })}>
                  Remove
                </button>
              </div>
              <FieldError errors={errors} path={path} />
            </div>
          );
        })}
        <div>
          <button type="button" data-kind={kind} onClick={() => onChange({ ...settings, keywords: [...keywords, ''] })}>
            Add {label.toLowerCase()} keyword
          </button>
        </div>
      </div>
      <label htmlFor={idOfPath(messagePath)}>
        {label} message{optional ? ' (empty: the global message)' : ''}
      </label>
      <textarea
        id={idOfPath(messagePath)}
        rows={3}
        value={message}
        aria-invalid={errors.has(messagePath) || undefined}
        aria-describedby={[`${idOfPath(messagePath)}-count`, describedBy(errors, messagePath)].filter(Boolean).join(' ')}
        onChange={(event) => onChange({ ...settings, message: event.target.value })}
      />
      <SegmentCounter text={message} id={`${idOfPath(messagePath)}-count`} />
      <FieldError errors={errors} path={messagePath} />
    </fieldset>
  );
}

function OverrideEditor({ index, override, errors, onChange, onRemove }: { index: number; override: ProfileOverride; errors: FieldErrors; onChange: (override: ProfileOverride) => void; onRemove: () => void }) {
  const prefix = `overrides[${index}]`;
  const selector = (field: 'country' | 'language', label: string, hint: string) => {
    const path = `${prefix}.${field}`;
    return (
      <div className="stack">
        <label htmlFor={idOfPath(path)}>{label}</label>
        <input
          id={idOfPath(path)}
          value={override[field] ?? ''}
          placeholder={hint}
          maxLength={8}
          aria-invalid={errors.has(path) || undefined}
          aria-describedby={describedBy(errors, path)}
          onChange={(event) => onChange({ ...override, [field]: event.target.value })}
        />
        <FieldError errors={errors} path={path} />
      </div>
    );
  };
  return (
    <fieldset className="stack override">
      <legend>Override {index + 1}</legend>
      <FieldError errors={errors} path={prefix} />
      <div className="row">
        {selector('country', 'Country', 'CA')}
        {selector('language', 'Language', 'fr')}
      </div>
      {KINDS.map(({ key, label }) => (
        <KindEditor key={key} kind={key} label={label} settings={override[key]} errors={errors} pathPrefix={`${prefix}.${key}`} optional onChange={(settings) => onChange({ ...override, [key]: settings })} />
      ))}
      <div>
        <button type="button" className="button-danger" onClick={onRemove}>
          Remove override {index + 1}
        </button>
      </div>
    </fieldset>
  );
}
