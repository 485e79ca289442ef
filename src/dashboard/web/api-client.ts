import type { Host } from './host';

/**
 * Why a request failed, as the page tells it: no access (401/403), figures withheld to protect a few people (409
 * `withheld`), or anything else (network, server) to retry.
 */
export type ApiFailure = 'denied' | 'withheld' | 'failed';

/** A refused or failed API call; the page shows a kind message, never the response body. */
export class ApiError extends Error {
  override name = 'ApiError';
  /** @param detail the API's short, kind sentence for a refused change (a 4xx other than 401/403), if it gave one. */
  constructor(
    readonly failure: ApiFailure,
    readonly detail?: string,
  ) {
    super(failure);
  }
}

/** Calls the dashboard API under /api/dashboard/ with the caller's identity. */
export class ApiClient {
  constructor(private readonly host: Host) {}

  /** GET a JSON resource, e.g. `get<Me>('me')`. */
  async get<T>(resource: string, params: Record<string, string | undefined> = {}): Promise<T> {
    const response = await this.request('GET', resource, params);
    return (await response.json()) as T;
  }

  /** Sends a JSON body (PATCH/POST) and reads the JSON answer. */
  async send<T>(method: 'POST' | 'PATCH', resource: string, body: unknown): Promise<T> {
    const response = await this.request(method, resource, {}, body);
    return (await response.json()) as T;
  }

  /** GET a file (an export) and hand it to the browser as a download. */
  async download(resource: string, fileName: string, params: Record<string, string | undefined> = {}): Promise<void> {
    const response = await this.request('GET', resource, params);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private async request(
    method: string,
    resource: string,
    params: Record<string, string | undefined>,
    body?: unknown,
  ): Promise<Response> {
    const url = new URL(`/api/dashboard/${resource}`, window.location.origin);
    for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
    const headers = new Headers({ Accept: 'application/json' });
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    let response: Response;
    try {
      await this.host.authorize(url, headers);
      response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError('failed');
    }
    if (response.status === 401 || response.status === 403) throw new ApiError('denied');
    if (response.status === 409 && method === 'GET') throw new ApiError('withheld', await messageOf(response));
    if (response.status >= 400 && response.status < 500) throw new ApiError('failed', await messageOf(response));
    if (!response.ok) throw new ApiError('failed');
    return response;
  }
}

async function messageOf(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { message?: unknown };
    return typeof body.message === 'string' ? body.message : undefined;
  } catch {
    return undefined;
  }
}
