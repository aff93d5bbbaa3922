/**
 * Security defaults: security headers on every response, no cross-origin use unless one origin
 * is allowed, protection against DNS rebinding and cross-site requests, and an access token when
 * the server can be reached from other machines.
 *
 * The token is accepted as `Authorization: Bearer <token>` or in the `parley_token` cookie. The
 * browser gets the cookie on its first visit to `/?token=<token>` (the address `parley serve`
 * prints): the server sets it (HttpOnly, SameSite=Strict) and redirects to the same address
 * without the token, so the token does not stay in the address bar or the history.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { serverSays } from "../i18n/problems.js";
import { HttpProblem, problemResponse } from "./problem.js";

export const TOKEN_COOKIE = "parley_token";

/**
 * A route that serves a self-contained document (the briefing, with inline styles) names its own,
 * narrower policy in this internal header; it replaces the default and never leaves the server.
 */
export const DOCUMENT_POLICY_HEADER = "Parley-Document-Policy";

/** Headers on every response: a strict CSP, no framing, no sniffing, no referrer. */
export function securityHeaders(): MiddlewareHandler {
  const secure = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
    },
    // Plain HTTP on a local port: HSTS would be ignored at best and wrong at worst.
    strictTransportSecurity: false,
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    crossOriginResourcePolicy: "same-origin",
    crossOriginOpenerPolicy: "same-origin",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
  return async (c, next) => {
    await secure(c, next);
    const policy = c.res.headers.get(DOCUMENT_POLICY_HEADER);
    if (policy !== null) {
      c.res.headers.set("Content-Security-Policy", policy);
      c.res.headers.delete(DOCUMENT_POLICY_HEADER);
    }
  };
}

/** CORS for one allowed origin on the API (none by default: then no CORS headers at all). */
export function corsFor(origin: string): MiddlewareHandler {
  return cors({
    origin,
    allowMethods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
    allowHeaders: ["Authorization", "Content-Type", "If-Match", "If-None-Match", "Parley-Author", "Parley-Message"],
    exposeHeaders: ["ETag", "Location", "Parley-Run-Id"],
    maxAge: 600,
  });
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** True for names and addresses that only reach this machine. */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  return LOOPBACK_NAMES.has(name) || name.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(name) || name === "::ffff:127.0.0.1";
}

/**
 * Without a token the server trusts whoever can reach it, which must then be this machine only:
 * a request whose Host is not a loopback name is refused (a DNS-rebinding page would send its own
 * host name).
 */
export function loopbackHostOnly(): MiddlewareHandler {
  return async (c, next) => {
    const host = new URL(c.req.url).hostname;
    if (!isLoopback(host)) throw new HttpProblem("misdirected-request", serverSays("misdirected", host));
    await next();
  };
}

/**
 * Refuses state-changing requests from other sites: a POST, PUT or DELETE whose Origin is
 * neither this server's nor the allowed CORS origin. (Browsers always send Origin on such
 * cross-origin requests; other clients send none and are let through.)
 */
export function sameOriginWrites(allowed?: string): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header("origin");
    if (origin !== undefined && !["GET", "HEAD", "OPTIONS"].includes(c.req.method)) {
      const own = new URL(c.req.url).origin;
      if (origin !== own && origin !== allowed) throw new HttpProblem("forbidden", serverSays("foreignOrigin", origin));
    }
    await next();
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** Compares in constant time, so that response times say nothing about the token. */
export function tokenMatches(given: string | undefined, token: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/** Requires the token on every request but `GET /api/health`; see the module comment. */
export function requireToken(token: string): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    if (path === "/api/health" || c.req.method === "OPTIONS") return next();
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "")?.[1]?.trim();
    if (tokenMatches(bearer, token) || tokenMatches(getCookie(c, TOKEN_COOKIE), token)) return next();

    const api = path === "/api" || path.startsWith("/api/");
    const query = c.req.query("token");
    if (!api && c.req.method === "GET" && tokenMatches(query, token)) {
      setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: "Strict", path: "/" });
      const url = new URL(c.req.url);
      url.searchParams.delete("token");
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    if (api) {
      return problemResponse(c, new HttpProblem("unauthorized", serverSays("tokenRequired")), { "www-authenticate": 'Bearer realm="parley"' });
    }
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Parley — access token needed</title></head><body><h1>Access token needed</h1><p>Open the address <code>parley serve</code> printed when it started: it ends in <code>?token=…</code>.</p></body></html>`,
      401,
    );
  };
}
