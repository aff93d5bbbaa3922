/**
 * Response compression: JSON, text and the web app's files go out in Brotli (`br`) or gzip, as the
 * request's `Accept-Encoding` prefers (Brotli on a tie, nothing without the header). A forecast's
 * JSON shrinks about eight times. The bytes are compressed by node:zlib's asynchronous calls, on
 * libuv's thread pool, so the event loop only hands them over; the web app's hashed files under
 * `/assets/` never change, so each is compressed once per encoding and kept.
 *
 * Left as they are: bodies under a kilobyte, types that are already compressed (images, fonts) and
 * event streams (`text/event-stream`, which must reach the client as each event is written: the API
 * has none today), `HEAD`, 204/206/304, anything already encoded or marked `Cache-Control: no-transform`.
 *
 * The ETag stays as it is: it names a scenario's version (docs/api.md), the same whatever the coding,
 * and clients send it back in `If-Match` and `If-None-Match`.
 */
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { MiddlewareHandler } from "hono";
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from "hono/utils/compress";

export type ContentCoding = "br" | "gzip";

/** Bodies smaller than this many bytes are sent as they are: compression would gain a few bytes at most. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Brotli's quality for responses made per request: 4 compresses a forecast's 240 kB of JSON to 30 kB
 * in about 2 ms of CPU, gzip's default level 6 to 29 kB in 3 ms; quality 11 gains a fifth for a hundred
 * times the CPU. The app's unchanging files, compressed once, get 7: the largest (340 kB) to 100 kB in
 * 34 ms, where 11 takes 93 kB and 0.6 s, which the first page load would wait for.
 */
const BROTLI_QUALITY_PER_REQUEST = 4;
const BROTLI_QUALITY_KEPT = 7;

/** Most bytes of compressed unchanging files kept (the whole built app takes well under 1 MiB). */
const KEPT_BYTES = 16 * 1024 * 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The coding to send for an `Accept-Encoding` header: the acceptable one (q > 0) with the highest
 * weight, `br` before `gzip` on a tie; `*` stands for any coding not named. Undefined when the header
 * is absent or accepts neither.
 */
export function chooseCoding(acceptEncoding: string | undefined): ContentCoding | undefined {
  if (acceptEncoding === undefined) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    // A weight that is not a number makes the coding unacceptable rather than preferred.
    const q = params.map((p) => /^\s*q\s*=(.*)$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : /^\s*[01](\.\d{0,3})?\s*$/.test(q) ? Number(q) : 0;
    weights.set(name.trim(), weight);
  }
  const weightOf = (coding: ContentCoding) => weights.get(coding) ?? weights.get("*") ?? 0;
  const best = (["br", "gzip"] as const).reduce<ContentCoding | undefined>((chosen, coding) => (weightOf(coding) > (chosen === undefined ? 0 : weightOf(chosen)) ? coding : chosen), undefined);
  return best;
}

/** Compresses bytes in a coding, off the event loop. */
export function compressBytes(bytes: Uint8Array, coding: ContentCoding, kept = false): Promise<Buffer> {
  if (coding === "gzip") return gzipAsync(bytes, { level: kept ? 9 : 6 });
  return brotli(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: kept ? BROTLI_QUALITY_KEPT : BROTLI_QUALITY_PER_REQUEST,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

/** The compression middleware, for the whole app (API and files). */
export function compressResponses(): MiddlewareHandler {
  const kept = new Map<string, Promise<Buffer>>();
  let keptBytes = 0;
  return async (c, next) => {
    await next();
    const response = c.res;
    if (!compressible(c.req.method, response)) return;
    const vary = response.headers.get("vary");
    if (vary !== "*" && !/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary ?? "")) response.headers.set("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    const coding = chooseCoding(c.req.header("accept-encoding"));
    if (coding === undefined) return;
    const declared = response.headers.get("content-length");
    if (declared !== null && Number(declared) < COMPRESSION_THRESHOLD_BYTES) return;

    const bytes = new Uint8Array(await response.arrayBuffer());
    let compressed: Buffer | undefined;
    if (bytes.byteLength >= COMPRESSION_THRESHOLD_BYTES) {
      const unchanging = response.status === 200 && /\bimmutable\b/i.test(response.headers.get("cache-control") ?? "");
      const key = `${coding} ${c.req.path}`;
      let pending = unchanging ? kept.get(key) : undefined;
      if (!pending) {
        pending = compressBytes(bytes, coding, unchanging);
        if (unchanging && keptBytes + bytes.byteLength <= KEPT_BYTES) {
          kept.set(key, pending);
          keptBytes += bytes.byteLength; // an upper bound of the compressed size
          pending.catch(() => kept.delete(key));
        }
      }
      compressed = await pending;
    }
    // The body was read: the response is rebuilt either way (Hono copies the old headers onto it).
    c.res = new Response(compressed ?? bytes, response);
    c.res.headers.delete("content-length");
    if (compressed) c.res.headers.set("content-encoding", coding);
  };
}

function compressible(method: string, response: Response): boolean {
  if (method === "HEAD" || !response.body || [204, 206, 304].includes(response.status)) return false;
  if (response.headers.has("content-encoding") || response.headers.has("transfer-encoding")) return false;
  if (/(^|,)\s*no-transform\s*(,|$)/i.test(response.headers.get("cache-control") ?? "")) return false;
  return COMPRESSIBLE_CONTENT_TYPE_REGEX.test(response.headers.get("content-type") ?? "");
}
