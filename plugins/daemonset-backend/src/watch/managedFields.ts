const KEY = '"managedFields"';
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The index just past the array or object opening at `open`, or -1 when it does not close. */
function endOfValue(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth++;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * The JSON text of Kubernetes objects without their `metadata.managedFields` (every member named
 * `managedFields` whose value is an array), cut out of the text before it is parsed.
 *
 * @remarks
 * Server-side apply's field ownership is a third to two fifths of a pod's or node's JSON, made of
 * many small objects with keys of their own (`f:…`, `k:{…}`): parsing it and collecting it
 * again cost more than its share of the bytes, and nothing here reads it. The text is scanned,
 * not parsed: a key is only a key outside strings (inside one its quotes are escaped), and an
 * array's end is found by counting brackets outside strings. Text it cannot follow is returned
 * whole.
 *
 * @internal
 */
export function withoutManagedFields(text: string): string {
  let key = text.indexOf(KEY);
  if (key < 0) return text;
  const kept: string[] = [];
  let from = 0;
  while (key >= 0) {
    const colon = skipSpace(text, key + KEY.length);
    const open = skipSpace(text, colon + 1);
    if (
      text.charCodeAt(colon) !== COLON ||
      text.charCodeAt(open) !== OPEN_BRACKET
    ) {
      key = text.indexOf(KEY, key + KEY.length);
      continue;
    }
    const end = endOfValue(text, open);
    if (end < 0) return text;
    // The member goes with one comma: the one before it, else the one after it.
    let cutFrom = key;
    let cutTo = end;
    let before = key - 1;
    while (before >= from && isSpace(text.charCodeAt(before))) before--;
    if (before >= from && text.charCodeAt(before) === COMMA) {
      cutFrom = before;
    } else {
      const after = skipSpace(text, end);
      if (text.charCodeAt(after) === COMMA) cutTo = after + 1;
    }
    kept.push(text.slice(from, cutFrom));
    from = cutTo;
    key = text.indexOf(KEY, cutTo);
  }
  kept.push(text.slice(from));
  return kept.join('');
}
