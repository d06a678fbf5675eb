/**
 * The deepest nesting any API body needs is a handful of levels (a batch of messages, a
 * compliance profile's keyword lists). JSON.parse copes with any depth, but what walks the
 * parsed value afterwards recurses — class-transformer, class-validator, a schema validator,
 * a logger — and a body nested 100,000 arrays deep overflows the stack there: a 500 instead
 * of a 400. So bodies deeper than this are refused before they are parsed.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * True when the JSON text nests arrays/objects deeper than `maxDepth`. One pass over the text,
 * no recursion and no allocation: brackets inside strings are skipped, escapes honoured. The
 * text need not be valid JSON (the parser judges that afterwards).
 */
export function jsonNestedDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c /* \ */) i++;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      if (++depth > maxDepth) return true;
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) depth--;
  }
  return false;
}
