// Pure builder of the Run Route webview's HTML shell and its Content-Security-Policy. No data ever goes into this HTML: it arrives by postMessage.

export interface WebviewHtmlOptions {
  /** `webview.cspSource`: the origin allowed for styles, images and fonts. */
  cspSource: string;
  /** Per-load random token (base64 or hex, at least 16 characters); the only script allowed to run carries it. */
  nonce: string;
  /** `webview.asWebviewUri(dist/webview.js)` as a string. */
  scriptUri: string;
  /** `webview.asWebviewUri(dist/codicons/codicon.css)` as a string: the codicon icon font, loaded before the panel's own styles. */
  codiconUri: string;
  /** `webview.asWebviewUri(media/runRoute.css)` as a string. */
  styleUri: string;
}

/** Nonces must be long random tokens made only of base64/hex characters, so they cannot break out of the CSP or an attribute. */
export const NONCE_PATTERN = /^[A-Za-z0-9+/=_-]{16,128}$/;

/**
 * `webview.cspSource`: one or more CSP source expressions separated by single spaces, each a host/scheme source or the
 * `'self'` keyword (VS Code 1.9x gives `https://*.vscode-cdn.net`, code-server 4.139 `'self' https://*.vscode-cdn.net`).
 * Nothing that could end the directive (`;`, `,`) or inject another keyword (`'unsafe-inline'`…) passes.
 */
export const CSP_SOURCE_PATTERN = /^(?:'self'|[^;'"<>\s,]+)(?: (?:'self'|[^;'"<>\s,]+))*$/;

/**
 * The CSP of the panel: nothing by default, our nonce'd script only, styles/images/fonts from the extension only
 * (the codicon stylesheet and its font come from the extension's dist folder, so no other origin is needed).
 */
export function buildCsp(cspSource: string, nonce: string): string {
  assertSafe('cspSource', cspSource, CSP_SOURCE_PATTERN);
  assertSafe('nonce', nonce, NONCE_PATTERN);
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/**
 * The HTML of the Run Route panel: CSP meta, the codicon and panel stylesheets, an empty application root, and the one nonce'd script.
 * Throws on a malformed nonce or cspSource (programming errors); uris are attribute-escaped.
 */
export function buildWebviewHtml(o: WebviewHtmlOptions): string {
  const csp = buildCsp(o.cspSource, o.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(o.codiconUri)}">
<link rel="stylesheet" href="${escapeAttribute(o.styleUri)}">
<title>Run Route</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="placeholder">Loading the Run Route panel…</p></main>
<script nonce="${o.nonce}" src="${escapeAttribute(o.scriptUri)}"></script>
</body>
</html>
`;
}

/** Escapes a value for a double-quoted HTML attribute. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function assertSafe(name: string, value: string, pattern: RegExp): void {
  if (!pattern.test(value)) throw new Error(`webviewHtml: invalid ${name} ${JSON.stringify(value)}`);
}
