import type { Request, RequestHandler, Response } from 'restify';
import type { Logger } from './logging/logger';

/**
 * Reads a JSON request body, and nothing else, before anything is authenticated. Bot Framework channels send
 * `application/json` (with an optional UTF-8 charset): any other type is refused with 415 before a byte of the body is
 * read, a body declared or found to be over `maxBytes` with 413 as soon as that is known. The rest of a refused body is
 * thrown away for at most two seconds, then the connection is cut (see refuseRequest). (restify's combined body parser wrote multipart uploads
 * to the temp folder and kept them; its JSON reader reads an oversized body to the end before refusing it.)
 */
export function jsonBodyReader(maxBytes: number, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const refuse = (status: 413 | 415 | 400) => {
      logger.warn('http.rejected', { path: req.path(), status });
      refuseRequest(req, res, status);
      next(false);
    };
    if (!isJsonContentType(req.headers['content-type'])) return refuse(415);
    if (Number(req.headers['content-length']) > maxBytes) return refuse(413);
    readBounded(req, maxBytes).then(
      (body) => {
        if (body === 'too big') return refuse(413);
        const parsed = parseJson(body);
        if (parsed === INVALID) return refuse(400);
        req.body = parsed;
        next();
      },
      () => {
        // The client went away mid-body: there is nobody to answer.
        res.setHeader('connection', 'close');
        next(false);
      },
    );
  };
}

/** How long a refused request's body is read and thrown away before its connection is cut. */
const LINGER_MS = 2_000;

/**
 * Answers `status` and lets the client finish sending for a moment, throwing the rest of the body away unread (kept
 * nowhere), before cutting the connection. Closing at once would reset a connection the client is still writing to,
 * and a reset can discard the answer before the client reads it ("lingering close", as web servers do).
 */
export function refuseRequest(req: Request, res: Response, status: number): void {
  res.send(status, { error: 'request rejected' });
  if (req.complete) return;
  const cut = setTimeout(() => req.socket?.destroy(), LINGER_MS);
  const settle = () => clearTimeout(cut);
  req.once('end', settle);
  req.socket?.once('close', settle);
  req.resume();
}

/** `application/json`, alone or with `charset=utf-8`; case and spaces as HTTP allows. */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [type, ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return parameters.every((parameter) => /^charset\s*=\s*(?:"utf-8"|utf-8)$/.test(parameter));
}

const INVALID = Symbol('invalid JSON');

/** The body as JSON; undefined for an empty body (the activity check answers that), INVALID for bad JSON or UTF-8. */
function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return INVALID;
  }
}

/** The whole body if it is at most `maxBytes`; 'too big' as soon as it passes that (the rest is left unread). */
function readBounded(req: Request, maxBytes: number): Promise<Buffer | 'too big'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (finish: () => void) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      finish();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        settle(() => resolve('too big'));
      } else chunks.push(chunk);
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks)));
    const onError = (error?: unknown) => settle(() => reject(error ?? new Error('request aborted')));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.once('aborted', onError);
  });
}
