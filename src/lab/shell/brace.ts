import type { Word, WordPart } from './syntax/word.ts';

/**
 * bash's brace expansion, the first of its expansions: `web{1,2}` → `web1 web2`, `{1..5}`,
 * `{01..10}` (zero-padded), `{a..e}`, `{10..1..3}`, nested and repeated braces, left to right.
 * Only unquoted braces count; `$NAME`, `$(…)` and quoted text inside an alternative are kept as
 * they are and expanded later. `{}`, `{a}` and a malformed sequence stay as typed.
 */

/** An unquoted character (where brace syntax can be), or a piece of the word kept whole. */
type Item = { readonly ch: string } | { readonly part: WordPart };

/** The words `word` brace-expands to, in bash's order; the word itself when it has no braces. */
export function braceExpand(word: Word): Word[] {
  if (!word.parts.some((p) => p.kind === 'text' && !p.quoted && p.text.includes('{'))) return [word];
  return expandItems(itemsOf(word)).map((items) => ({ parts: partsOf(items), raw: word.raw }));
}

function itemsOf(word: Word): Item[] {
  const items: Item[] = [];
  for (const part of word.parts) {
    if (part.kind === 'text' && !part.quoted) for (const ch of part.text) items.push({ ch });
    else items.push({ part });
  }
  return items;
}

function partsOf(items: readonly Item[]): WordPart[] {
  const parts: WordPart[] = [];
  for (const item of items) {
    const last = parts[parts.length - 1];
    if ('ch' in item) {
      if (last?.kind === 'text' && !last.quoted) parts[parts.length - 1] = { ...last, text: last.text + item.ch };
      else parts.push({ kind: 'text', text: item.ch, quoted: false });
    } else {
      parts.push(item.part);
    }
  }
  return parts;
}

const isChar = (item: Item | undefined, ch: string): boolean => item !== undefined && 'ch' in item && item.ch === ch;

/** Expands the first brace expression that is one, then what follows it; the items as they are when none is. */
function expandItems(items: readonly Item[]): Item[][] {
  for (let open = 0; open < items.length; open++) {
    if (!isChar(items[open], '{')) continue;
    const found = braceAt(items, open);
    if (!found) continue;
    const prefix = items.slice(0, open);
    const rest = expandItems(items.slice(found.close + 1));
    const out: Item[][] = [];
    for (const alternative of found.alternatives) {
      // An alternative may hold braces of its own (`{a,b{1,2}}`).
      for (const middle of expandItems(alternative)) for (const suffix of rest) out.push([...prefix, ...middle, ...suffix]);
    }
    return out;
  }
  return [items.slice()];
}

/**
 * The brace expression opening at `open`: its closing brace and its alternatives (the
 * comma-separated pieces, or the sequence's values), or undefined when it is not one (no match,
 * no top-level comma and no valid sequence).
 */
function braceAt(items: readonly Item[], open: number): { close: number; alternatives: Item[][] } | undefined {
  let depth = 0;
  const commas: number[] = [];
  for (let i = open + 1; i < items.length; i++) {
    if (isChar(items[i], '{')) depth++;
    else if (isChar(items[i], '}')) {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (commas.length > 0) {
        const bounds = [open, ...commas, i];
        return { close: i, alternatives: bounds.slice(1).map((b, k) => items.slice(bounds[k]! + 1, b)) };
      }
      const inner = items.slice(open + 1, i);
      const values = inner.every((x) => 'ch' in x) ? sequence(inner.map((x) => (x as { ch: string }).ch).join('')) : undefined;
      return values ? { close: i, alternatives: values.map((v) => [...v].map((ch) => ({ ch }))) } : undefined;
    } else if (depth === 0 && isChar(items[i], ',')) {
      commas.push(i);
    }
  }
  return undefined;
}

/** The values of a sequence expression `x..y[..incr]` (integers or single letters), or undefined. */
function sequence(text: string): string[] | undefined {
  const num = /^([+-]?\d+)\.\.([+-]?\d+)(?:\.\.([+-]?\d+))?$/.exec(text);
  if (num) {
    const [from, to] = [Number(num[1]), Number(num[2])];
    const step = Math.abs(Number(num[3] ?? 1)) || 1;
    // bash pads every value to the longer bound when either bound has a leading zero.
    const padded = /^[+-]?0\d/.test(num[1]!) || /^[+-]?0\d/.test(num[2]!);
    const width = padded ? Math.max(num[1]!.length, num[2]!.length) : 0;
    const values: string[] = [];
    const dir = from <= to ? 1 : -1;
    for (let v = from; dir > 0 ? v <= to : v >= to; v += dir * step) {
      values.push(width > 0 ? (v < 0 ? `-${String(-v).padStart(width - 1, '0')}` : String(v).padStart(width, '0')) : String(v));
      if (values.length > MAX_VALUES) return undefined;
    }
    return values;
  }
  const letters = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.([+-]?\d+))?$/.exec(text);
  if (letters) {
    const [from, to] = [letters[1]!.charCodeAt(0), letters[2]!.charCodeAt(0)];
    const step = Math.abs(Number(letters[3] ?? 1)) || 1;
    const dir = from <= to ? 1 : -1;
    const values: string[] = [];
    for (let c = from; dir > 0 ? c <= to : c >= to; c += dir * step) values.push(String.fromCharCode(c));
    return values;
  }
  return undefined;
}

/** A sequence longer than this stays as typed, where bash would try to allocate it all. */
const MAX_VALUES = 100_000;
