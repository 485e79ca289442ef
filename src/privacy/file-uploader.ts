/** Why an upload did not finish; `timeout` and `no answer` may have reached the server, `refused` did not finish. */
export type UploadFailure = 'timeout' | 'refused' | 'no answer';

export class UploadFailed extends Error {
  override name = 'UploadFailed';

  constructor(
    readonly failure: UploadFailure,
    /** The HTTP status the server answered with, when it answered. */
    readonly status?: number,
  ) {
    super(`upload ${failure}${status ? ` (${status})` : ''}`);
  }
}

/** Puts a whole file into an upload session Teams opened on the person's OneDrive (the port; tests use a fake server). */
export interface FileUploader {
  /** Sends every byte in one request; resolves only when the server says the file is complete. */
  upload(url: URL, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Best effort: cancels the upload session so no partial file is left behind. Never throws. */
  cancel(url: URL): Promise<void>;
}

export const UPLOAD_TIMEOUT_MS = 8_000;
const CANCEL_TIMEOUT_MS = 2_000;

/**
 * The upload over fetch, as Teams' file consent flow asks: one PUT with Content-Range covering the whole file, no
 * Authorization header (the session URL carries its own short-lived credential), and no redirects followed, so the
 * body can only ever reach the host that was checked.
 */
export class HttpFileUploader implements FileUploader {
  constructor(private readonly timeoutMs = UPLOAD_TIMEOUT_MS) {}

  async upload(url: URL, bytes: Uint8Array, contentType: string): Promise<void> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'PUT',
        headers: { 'content-type': contentType, 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
        body: bytes,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new UploadFailed(isTimeout(error) ? 'timeout' : 'no answer');
    }
    await response.arrayBuffer().catch(() => undefined);
    // 200/201 mean the file is complete; 202 would mean the server still waits for bytes.
    if (response.status !== 200 && response.status !== 201) throw new UploadFailed('refused', response.status);
  }

  async cancel(url: URL): Promise<void> {
    try {
      const response = await fetch(url, {
        method: 'DELETE',
        redirect: 'manual',
        signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS),
      });
      await response.arrayBuffer();
    } catch {
      // Nothing more to do: an unfinished session expires on its own and never becomes a file.
    }
  }
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown }).name;
  return name === 'TimeoutError' || name === 'AbortError';
}
