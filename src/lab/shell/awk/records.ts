import { compileAwkRegex } from './regex.ts';

/**
 * How awk cuts input into records (RS) and records into fields (FS), POSIX's rules with gawk's
 * extensions: RS "" is paragraph mode, a longer RS is a regex; FS " " splits at runs of blanks
 * and newlines ignoring those at either end, any other single character is itself, "" makes each
 * character a field, anything longer is a regex.
 */

/** A field separator ready to split with: whitespace, a literal character, every character, or a regex. */
export type FieldSplitter =
  | { readonly kind: 'blanks' }
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'chars' }
  | { readonly kind: 'regex'; readonly re: RegExp };

/** The splitter for an FS value (or split()'s third argument); regerror's text when it is a bad regex. */
export function fieldSplitter(fs: string, paragraphMode = false): FieldSplitter | string {
  if (fs === ' ') return { kind: 'blanks' };
  if (fs === '') return { kind: 'chars' };
  // In paragraph mode a newline separates fields too, whatever FS is.
  if (fs.length === 1 && fs !== '\\' && !paragraphMode) return { kind: 'char', char: fs };
  const source = fs.length === 1 ? fs.replace(/[\\^$.[\]|()*+?{}]/, '\\$&') : fs;
  const re = compileAwkRegex(paragraphMode ? `${source}|\n` : source);
  return typeof re === 'string' ? re : { kind: 'regex', re };
}

/** The fields of a record. */
export function splitFields(text: string, splitter: FieldSplitter): string[] {
  switch (splitter.kind) {
    case 'blanks': {
      const trimmed = text.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
      return trimmed === '' ? [] : trimmed.split(/[ \t\n]+/);
    }
    case 'chars': return [...text];
    case 'char': return text === '' ? [] : text.split(splitter.char);
    case 'regex': {
      if (text === '') return [];
      const fields: string[] = [];
      const re = splitter.re;
      let start = 0;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0] === '') {
          // A separator that matches nothing separates nothing.
          re.lastIndex = m.index + 1;
          if (re.lastIndex > text.length) break;
          continue;
        }
        fields.push(text.slice(start, m.index));
        start = m.index + m[0].length;
      }
      fields.push(text.slice(start));
      return fields;
    }
  }
}

/** An input (a file's text or stdin) read record by record, with RS looked at before each record. */
export class RecordReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  /** The next record under this RS, or undefined at the end of the input; a bad RS regex gives its error. */
  next(rs: string): string | undefined | { error: string } {
    const t = this.text;
    if (rs === '') return this.paragraph();
    if (this.pos >= t.length) return undefined;
    if (rs.length === 1) {
      const end = t.indexOf(rs, this.pos);
      const record = t.slice(this.pos, end < 0 ? t.length : end);
      this.pos = end < 0 ? t.length : end + 1;
      return record;
    }
    const re = compileAwkRegex(rs);
    if (typeof re === 'string') return { error: re };
    re.lastIndex = this.pos;
    let m = re.exec(t);
    while (m && m[0] === '' && m.index < t.length) {
      re.lastIndex = m.index + 1;
      m = re.exec(t);
    }
    if (!m || m[0] === '') {
      const record = t.slice(this.pos);
      this.pos = t.length;
      return record;
    }
    const record = t.slice(this.pos, m.index);
    this.pos = m.index + m[0].length;
    return record;
  }

  /** RS "": records are separated by blank lines; newlines at the start and end of the input are dropped. */
  private paragraph(): string | undefined {
    const t = this.text;
    while (t[this.pos] === '\n') this.pos++;
    if (this.pos >= t.length) return undefined;
    const gap = /\n\n+/g;
    gap.lastIndex = this.pos;
    const m = gap.exec(t);
    const end = m ? m.index : t.length;
    const record = t.slice(this.pos, end).replace(/\n$/, '');
    this.pos = m ? m.index + m[0].length : t.length;
    return record;
  }
}
