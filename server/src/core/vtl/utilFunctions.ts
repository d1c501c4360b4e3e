// The string functions behind API Gateway's `$util` (escapeJavaScript, urlEncode/urlDecode, base64Encode/base64Decode),
// with the Java library semantics API Gateway runs. Pure (no Buffer, no TextEncoder dependency on Node).

/**
 * Apache Commons Lang 2 `StringEscapeUtils.escapeJavaScript`: `'`→`\'`, `"`→`\"`, `\`→`\\`, `/`→`\/`,
 * `\b \f \n \r \t` as such, other controls and every char above 0x7E as `\uXXXX` (upper-case hex, UTF-16 units).
 * The `'` rule is documented by AWS; the rest follows the Commons Lang implementation (gateway spec §6.2, inferred).
 */
export function escapeJavaScript(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch > 0x7f) {
      out += `\\u${ch.toString(16).toUpperCase().padStart(4, '0')}`;
    } else if (ch < 32) {
      switch (ch) {
        case 8:
          out += '\\b';
          break;
        case 10:
          out += '\\n';
          break;
        case 9:
          out += '\\t';
          break;
        case 12:
          out += '\\f';
          break;
        case 13:
          out += '\\r';
          break;
        default:
          out += `\\u${ch.toString(16).toUpperCase().padStart(4, '0')}`;
      }
    } else {
      switch (ch) {
        case 0x27:
          out += "\\'";
          break;
        case 0x22:
          out += '\\"';
          break;
        case 0x5c:
          out += '\\\\';
          break;
        case 0x2f:
          out += '\\/';
          break;
        default:
          out += s[i];
      }
    }
  }
  return out;
}

/** UTF-8 bytes of a string as Java's `String.getBytes(UTF_8)` makes them (a lone surrogate becomes `?`). */
function utf8Encode(s: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      } else {
        cp = 0x3f;
      }
    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
      cp = 0x3f;
    }
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}

/** Decodes UTF-8 like Java's `new String(bytes, UTF_8)`: malformed sequences become U+FFFD. */
function utf8Decode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    let cp = 0xfffd;
    let len = 1;
    const cont = (k: number): number | undefined => {
      const x = bytes[i + k];
      return x !== undefined && (x & 0xc0) === 0x80 ? x & 63 : undefined;
    };
    if (b < 0x80) {
      cp = b;
    } else if (b >= 0xc2 && b < 0xe0) {
      const c1 = cont(1);
      if (c1 !== undefined) {
        cp = ((b & 31) << 6) | c1;
        len = 2;
      }
    } else if (b >= 0xe0 && b < 0xf0) {
      const c1 = cont(1);
      const c2 = cont(2);
      if (c1 !== undefined && c2 !== undefined) {
        const v = ((b & 15) << 12) | (c1 << 6) | c2;
        if (v >= 0x800 && !(v >= 0xd800 && v <= 0xdfff)) {
          cp = v;
          len = 3;
        }
      }
    } else if (b >= 0xf0 && b < 0xf5) {
      const c1 = cont(1);
      const c2 = cont(2);
      const c3 = cont(3);
      if (c1 !== undefined && c2 !== undefined && c3 !== undefined) {
        const v = ((b & 7) << 18) | (c1 << 12) | (c2 << 6) | c3;
        if (v >= 0x10000 && v <= 0x10ffff) {
          cp = v;
          len = 4;
        }
      }
    }
    out += String.fromCodePoint(cp);
    i += len;
  }
  return out;
}

const FORM_SAFE = /[A-Za-z0-9.\-*_]/;

/** Java `URLEncoder.encode(s, "UTF-8")` (application/x-www-form-urlencoded: space → `+`; `*` `-` `.` `_` kept). */
export function urlEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (FORM_SAFE.test(ch)) {
      out += ch;
      continue;
    }
    if (ch === ' ') {
      out += '+';
      continue;
    }
    // Encode the whole run of unsafe characters (keeps surrogate pairs together).
    let j = i;
    while (j < s.length && !FORM_SAFE.test(s[j] as string) && s[j] !== ' ') j++;
    for (const b of utf8Encode(s.slice(i, j))) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    i = j - 1;
  }
  return out;
}

/** Java `URLDecoder.decode(s, "UTF-8")`; returns `exception` with Java's message for malformed `%` escapes. */
export function urlDecode(s: string): { value: string } | { exception: string } {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const ch = s[i] as string;
    if (ch === '+') {
      out += ' ';
      i++;
    } else if (ch === '%') {
      const bytes: number[] = [];
      while (i < s.length && s[i] === '%') {
        if (i + 2 >= s.length) return { exception: 'java.lang.IllegalArgumentException: URLDecoder: Incomplete trailing escape (%) pattern' };
        const hex = s.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
          return { exception: `java.lang.IllegalArgumentException: URLDecoder: Illegal hex characters in escape (%) pattern - For input string: "${hex}"` };
        }
        bytes.push(parseInt(hex, 16));
        i += 3;
      }
      out += utf8Decode(bytes);
    } else {
      out += ch;
      i++;
    }
  }
  return { value: out };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 (RFC 4648, padded, no line breaks) of the UTF-8 bytes of `s`. */
export function base64Encode(s: string): string {
  const b = utf8Encode(s);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = ((b[i] as number) << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += B64[(n >> 18) & 63];
    out += B64[(n >> 12) & 63];
    out += i + 1 < b.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < b.length ? B64[n & 63] : '=';
  }
  return out;
}

/**
 * Decodes Base64 (padding optional, as `java.util.Base64.getDecoder()` accepts) and reads the bytes as UTF-8.
 * Characters outside the alphabet give `exception` (the basic Java decoder rejects them).
 */
export function base64Decode(s: string): { value: string } | { exception: string } {
  const text = s.replace(/=+$/, '');
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const v = B64.indexOf(text[i] as string);
    if (v < 0) {
      return { exception: `java.lang.IllegalArgumentException: Illegal base64 character ${(text.charCodeAt(i) & 0xffff).toString(16)}` };
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  if (text.length % 4 === 1) return { exception: 'java.lang.IllegalArgumentException: Last unit does not have enough valid bits' };
  return { value: utf8Decode(bytes) };
}
