import { ApiError, apiErrorOf } from './api-error';

export interface RequestOptions {
  json?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
}

/** The public HTTP API, same origin, with the signed-in credential as a bearer token. */
export class ApiClient {
  constructor(readonly credential: string) {}

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.credential}`, accept: 'application/json' };
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(withQuery(path, options.query), {
        method,
        headers,
        body: options.json === undefined ? undefined : JSON.stringify(options.json),
        signal: options.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError(0, 'network', (error as Error).message);
    }
    const text = await response.text();
    if (!response.ok) throw apiErrorOf(response.status, text);
    return (text ? JSON.parse(text) : null) as T;
  }

  get<T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, { query, signal });
  }

  /** A file from the API (an export) as a Blob: the bearer header rules out a plain link. */
  async download(path: string): Promise<Blob> {
    let response: Response;
    try {
      response = await fetch(path, { headers: { authorization: `Bearer ${this.credential}` }, credentials: 'omit', cache: 'no-store' });
    } catch (error) {
      throw new ApiError(0, 'network', (error as Error).message);
    }
    if (!response.ok) throw apiErrorOf(response.status, await response.text());
    return response.blob();
  }

  /**
   * A body sent with upload progress (fetch reports none): the CSV import's progress bar.
   * `onProgress` gets the fraction of the file sent.
   */
  upload<T>(path: string, file: Blob, contentType: string, onProgress: (fraction: number) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('authorization', `Bearer ${this.credential}`);
      xhr.setRequestHeader('content-type', contentType);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress(1);
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : null) as T);
        } else reject(apiErrorOf(xhr.status, xhr.responseText));
      };
      xhr.onerror = () => reject(new ApiError(0, 'network', 'the upload was interrupted'));
      xhr.send(file);
    });
  }
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** `/v1/accounts/:id` + rest, with every dynamic part encoded. */
export function accountPath(accountId: string, ...parts: string[]): string {
  return ['/v1/accounts', accountId, ...parts].map((part, index) => (index === 0 ? part : encodeURIComponent(part))).join('/');
}
