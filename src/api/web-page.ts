import express, { type RequestHandler } from 'express';

/** Everything the page needs comes from this server; nothing may load from elsewhere. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built coder's page: `index.html` is revalidated on every load, the content-hashed files
 * under `assets/` are cached for a year. A strict Content-Security-Policy keeps the page self-contained.
 * @param dir - `dist/web`
 */
export function webPage(dir: string): RequestHandler {
  return express.static(dir, {
    index: 'index.html',
    fallthrough: true,
    setHeaders(res, path) {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      if (path.includes('/assets/')) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      } else {
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('Content-Security-Policy', CSP);
      }
    },
  });
}
