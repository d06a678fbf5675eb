import type { FieldErrors } from '../profile-draft';

/** An id safe for HTML from an API path such as `overrides[1].optOut.keywords[0]`. */
export function idOfPath(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** The API's errors for one path, shown under its field and named by aria-describedby. */
export function FieldError({ errors, path }: { errors: FieldErrors; path: string }) {
  const messages = errors.get(path);
  if (!messages?.length) return null;
  return (
    <span className="field-error" id={`${idOfPath(path)}-error`} data-path={path} role="alert">
      {messages.join(' ')}
    </span>
  );
}

export function describedBy(errors: FieldErrors, path: string): string | undefined {
  return errors.get(path)?.length ? `${idOfPath(path)}-error` : undefined;
}
