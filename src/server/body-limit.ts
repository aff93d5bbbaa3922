/**
 * Refusing request bodies over a size. A declared Content-Length over the limit is refused at
 * once. A body without one (chunked) is read up to the limit and, past it, read on and discarded
 * up to a cap before the 413 is sent: a server that answers before the client has finished sending
 * leaves many clients with a broken connection instead of the answer. The 413 closes the connection
 * (`Connection: close`), so that no client sends its next request on a socket whose unread body is
 * still being discarded.
 */
import type { Context, MiddlewareHandler } from "hono";

/** Past this many bytes an oversized chunked body is no longer drained; the connection is dropped. */
const DRAIN_CAP = 64 * 1024 * 1024;

export function limitBody(maxBytes: number, tooLarge: (c: Context) => Response): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = c.req.header("content-length");
    if (declared !== undefined && c.req.header("transfer-encoding") === undefined) {
      return Number(declared) > maxBytes ? closing(tooLarge(c)) : next();
    }
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > DRAIN_CAP) {
        await reader.cancel();
        break;
      }
      if (size <= maxBytes) chunks.push(value);
    }
    if (size > maxBytes) return closing(tooLarge(c));
    const whole = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      whole.set(chunk, offset);
      offset += chunk.byteLength;
    }
    c.req.raw = new Request(c.req.raw, { body: whole });
    return next();
  };
}

function closing(response: Response): Response {
  response.headers.set("connection", "close");
  return response;
}
