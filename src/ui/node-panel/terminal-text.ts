/**
 * Console text as a terminal (xterm) shows it: SGR colours and attributes, cursor moves within a
 * line (CHA, CUF, CUB, CR, BS, HT) and erasing in line (EL). Other control sequences (CSI, OSC,
 * DCS…) are swallowed. The text is laid out as a grid of cells per line, so later characters
 * overwrite earlier ones, as `[  OK  ]` at column 60 from CentOS's init.d functions needs.
 */

/** A colour: an xterm palette index (0–255), or `#rrggbb` from `38;2;R;G;B`. */
export type TermColor = number | `#${string}`;

/** The graphic rendition of a cell. Absent fields are the terminal's defaults. */
export interface TermStyle {
  readonly fg?: TermColor;
  readonly bg?: TermColor;
  readonly bold?: true;
  readonly dim?: true;
  readonly italic?: true;
  readonly underline?: true;
  readonly inverse?: true;
  readonly hidden?: true;
  readonly strike?: true;
}

/** A run of characters of one style. */
export interface TermSegment {
  readonly text: string;
  readonly style: TermStyle;
}

/** A line as its segments, left to right (empty for an empty line). */
export type TermLine = readonly TermSegment[];

/** Whether the text holds anything a terminal acts on rather than prints as is. */
// eslint-disable-next-line no-control-regex -- ESC, CR and BS are what it looks for
export const hasTerminalControls = (text: string): boolean => /[\x1b\r\b]/.test(text);

interface Cell {
  readonly ch: string;
  readonly style: TermStyle;
}

const PLAIN: TermStyle = {};
const FLAGS = ['bold', 'dim', 'italic', 'underline', 'inverse', 'hidden', 'strike'] as const;

export const isPlainStyle = (s: TermStyle): boolean => s.fg === undefined && s.bg === undefined && FLAGS.every((f) => s[f] === undefined);

const sameStyle = (a: TermStyle, b: TermStyle): boolean => a === b || (a.fg === b.fg && a.bg === b.bg && FLAGS.every((f) => a[f] === b[f]));

/** The colour of an xterm palette index from 16 on: the 6×6×6 cube, then the grey ramp. */
export function xterm256(n: number): `#${string}` {
  const hex = (v: number) => v.toString(16).padStart(2, '0');
  if (n >= 232) {
    const g = 8 + 10 * (n - 232);
    return `#${hex(g)}${hex(g)}${hex(g)}`;
  }
  const i = n - 16;
  const level = (v: number) => (v === 0 ? 0 : 55 + 40 * v);
  return `#${hex(level(Math.floor(i / 36)))}${hex(level(Math.floor(i / 6) % 6))}${hex(level(i % 6))}`;
}

/** `5;N` or `2;R;G;B` after 38/48, as numbers; undefined when out of range or incomplete. */
function extendedColor(args: readonly number[]): { color: TermColor | undefined; used: number } {
  if (args[0] === 5) {
    const n = args[1];
    return { color: n !== undefined && n >= 0 && n <= 255 ? n : undefined, used: 2 };
  }
  if (args[0] === 2) {
    const rgb = args.slice(1, 4);
    const ok = rgb.length === 3 && rgb.every((v) => v >= 0 && v <= 255);
    return { color: ok ? `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}` : undefined, used: 4 };
  }
  return { color: undefined, used: 1 };
}

type MutableStyle = { -readonly [K in keyof TermStyle]: TermStyle[K] };

/** The style after `ESC [ params m`. */
function applySgr(style: TermStyle, params: string): TermStyle {
  const s: MutableStyle = { ...style };
  const list = params.split(';');
  const num = (p: string | undefined) => (p === undefined || p === '' ? 0 : Number(p));
  const setColor = (key: 'fg' | 'bg', color: TermColor | undefined) => {
    if (color !== undefined) s[key] = color;
  };
  for (let k = 0; k < list.length; k++) {
    const p = list[k]!;
    if (p.includes(':')) {
      // ITU T.416 form: 38:5:N, 38:2:R:G:B or 38:2:CS:R:G:B; 4:0 turns underline off.
      const sub = p.split(':').map(num);
      if (sub[0] === 38 || sub[0] === 48) {
        const args = sub[1] === 2 && sub.length >= 6 ? [2, ...sub.slice(3)] : sub.slice(1);
        setColor(sub[0] === 38 ? 'fg' : 'bg', extendedColor(args).color);
      } else if (sub[0] === 4) {
        if (sub[1] === 0) delete s.underline;
        else s.underline = true;
      }
      continue;
    }
    const n = num(p);
    if (n === 0) for (const key of Object.keys(s) as (keyof MutableStyle)[]) delete s[key];
    else if (n === 1) s.bold = true;
    else if (n === 2) s.dim = true;
    else if (n === 3) s.italic = true;
    else if (n === 4 || n === 21) s.underline = true;
    else if (n === 7) s.inverse = true;
    else if (n === 8) s.hidden = true;
    else if (n === 9) s.strike = true;
    else if (n === 22) {
      delete s.bold;
      delete s.dim;
    } else if (n === 23) delete s.italic;
    else if (n === 24) delete s.underline;
    else if (n === 27) delete s.inverse;
    else if (n === 28) delete s.hidden;
    else if (n === 29) delete s.strike;
    else if (n >= 30 && n <= 37) s.fg = n - 30;
    else if (n === 39) delete s.fg;
    else if (n >= 40 && n <= 47) s.bg = n - 40;
    else if (n === 49) delete s.bg;
    else if (n >= 90 && n <= 97) s.fg = n - 90 + 8;
    else if (n >= 100 && n <= 107) s.bg = n - 100 + 8;
    else if (n === 38 || n === 48) {
      const { color, used } = extendedColor(list.slice(k + 1, k + 5).map(num));
      setColor(n === 38 ? 'fg' : 'bg', color);
      k += used;
    }
  }
  return isPlainStyle(s) ? PLAIN : s;
}

// eslint-disable-next-line no-control-regex -- terminal sequences start with ESC
const CSI = /\x1b\[([0-?]*)([ -/]*)([@-~])/y;
// eslint-disable-next-line no-control-regex -- an OSC ends with BEL or ST (ESC \)
const OSC = /\x1b\][\s\S]*?(?:\x07|\x1b\\)/y;
// eslint-disable-next-line no-control-regex -- DCS, SOS, PM and APC strings end with ST
const STRING = /\x1b[PX^_][\s\S]*?\x1b\\/y;
// eslint-disable-next-line no-control-regex -- ESC, intermediates, a final byte (ESC 7, ESC ( B…)
const ESCAPE = /\x1b[ -/]*[0-~]/y;
/** A CSI cut short by the end of the text, or by a control character inside it. */
// eslint-disable-next-line no-control-regex -- as CSI
const CSI_PREFIX = /\x1b\[[0-?]*[ -/]*/y;

const match = (re: RegExp, text: string, at: number): RegExpExecArray | null => {
  re.lastIndex = at;
  return re.exec(text);
};

/**
 * The last column a cursor movement reaches: xterm stops the cursor at the screen's right edge;
 * the console's screen is taken as this wide (text itself does not wrap, the browser wraps it).
 */
const LAST_COLUMN = 1023;

/**
 * The lines the text shows on a terminal, each as runs of one style. A newline goes to column 1
 * of the next line (the tty's ONLCR); a final newline ends the last line rather than starting an
 * empty one. Lines do not wrap; cursor movements stop at LAST_COLUMN.
 */
export function terminalLines(text: string): TermLine[] {
  const rows: Cell[][] = [[]];
  let row = 0;
  let col = 0;
  let style: TermStyle = PLAIN;
  const line = () => rows[row]!;
  const down = () => {
    row++;
    while (rows.length <= row) rows.push([]);
  };
  const put = (ch: string) => {
    const cells = line();
    while (cells.length < col) cells.push({ ch: ' ', style: PLAIN });
    cells[col++] = { ch, style };
  };
  const csi = (params: string, intermediates: string, final: string) => {
    // Private (`?25l`, `>4;2m`) and intermediate forms are other functions: swallowed.
    if (intermediates !== '' || !/^[0-9;:]*$/.test(params)) return;
    const count = Math.min(LAST_COLUMN + 1, Math.max(1, parseInt(params, 10) || 0));
    if (final === 'm') style = applySgr(style, params);
    else if (final === 'G') col = count - 1;
    else if (final === 'C') col = Math.min(LAST_COLUMN, col + count);
    else if (final === 'D') col = Math.max(0, col - count);
    else if (final === 'K') {
      const mode = parseInt(params, 10) || 0;
      const cells = line();
      if (mode === 0) cells.length = Math.min(cells.length, col);
      else if (mode === 1) for (let c = 0; c <= col && c < cells.length; c++) cells[c] = { ch: ' ', style: PLAIN };
      else if (mode === 2) cells.length = 0;
    }
  };

  let i = 0;
  while (i < text.length) {
    const code = text.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    if (ch === '\x1b') {
      const next = text[i + 1];
      if (next === '[') {
        const m = match(CSI, text, i);
        if (m) {
          csi(m[1]!, m[2]!, m[3]!);
          i += m[0].length;
        } else i += match(CSI_PREFIX, text, i)![0].length;
      } else if (next === ']') {
        const m = match(OSC, text, i);
        i = m ? i + m[0].length : text.length;
      } else if (next !== undefined && 'PX^_'.includes(next)) {
        const m = match(STRING, text, i);
        i = m ? i + m[0].length : text.length;
      } else {
        const m = match(ESCAPE, text, i);
        // A lone ESC (at the end, or before a control character) shows nothing.
        i = m ? i + m[0].length : /^[ -/]*$/.test(text.slice(i + 1)) ? text.length : i + 1;
      }
      continue;
    }
    i += ch.length;
    if (ch === '\n') {
      down();
      col = 0;
    } else if (ch === '\v' || ch === '\f') down();
    else if (ch === '\r') col = 0;
    else if (ch === '\b') col = Math.max(0, col - 1);
    else if (ch === '\t') col = (Math.floor(col / 8) + 1) * 8;
    else if (code < 0x20 || code === 0x7f) continue;
    else put(ch);
  }

  if (rows.length > 1 && rows[rows.length - 1]!.length === 0) rows.pop();
  return rows.map((cells) => {
    const segments: { text: string; style: TermStyle }[] = [];
    for (const c of cells) {
      const last = segments[segments.length - 1];
      if (last && sameStyle(last.style, c.style)) last.text += c.ch;
      else segments.push({ text: c.ch, style: c.style });
    }
    return segments;
  });
}
