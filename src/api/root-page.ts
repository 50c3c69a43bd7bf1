const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

/** The web root: what this server is and where its API is documented. */
export function rootPage(version: string, codeSet: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>notecoder</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}code{background:#f1f1f1;padding:0 .2em}</style>
</head><body>
<h1>notecoder ${escape(version)}</h1>
<p>Proposes ICD-10-CM, CPT and HCPCS codes for clinical notes, with evidence and confidence. Code set: ${escape(codeSet)}.</p>
<ul>
<li><a href="/openapi.json">OpenAPI 3.1 document</a> of the job API (<code>POST /v1/jobs</code>, <code>GET /v1/jobs/{id}</code>, <code>POST /v1/detect</code>, <code>GET /v1/codes</code>)</li>
<li><a href="/readyz">/readyz</a> · <a href="/healthz">/healthz</a> · <a href="/metrics">/metrics</a></li>
</ul>
</body></html>
`;
}
