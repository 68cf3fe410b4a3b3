import type { Address, ReplacementPart, SedCommand, SedProgram, Substitution } from './program.ts';
import type { SedRegex } from './regex.ts';

/**
 * GNU sed 4.2.2's execute.c: the cycle over input lines (read_pattern_space, execute_program, the
 * automatic print), ranges as match_address_p keeps them, and the pattern space's "chomped" flag,
 * so a last line without a newline is written back without one (output_missing_newline adds it
 * when more output follows).
 */

/** An input file operand (`-` is standard input): its text, or the message sed prints on reaching it. */
export interface SedInput {
  readonly name: string;
  readonly text?: string;
  readonly error?: string;
  /** A read error (a directory): sed stops there with status 4. */
  readonly fatal?: boolean;
}

/** Where the output goes: standard output, or with -i the file being edited (startFile/endFile bracket each). */
export interface SedSink {
  out(text: string): void;
  err(text: string): void;
  startFile(index: number): void;
  endFile(index: number): void;
}

export interface SedRunOptions {
  readonly quiet: boolean;
  /** -s or -i: line numbers and `$` per file. */
  readonly separate: boolean;
  /** -i: each file is its own output, with its own missing newline. */
  readonly inPlace: boolean;
  /** -l N: the `l` command's line length. */
  readonly lineLength: number;
  /** How many expressions the script had (runtime messages name the last). */
  readonly expressions: number;
  /** The `r` command's file, or undefined when it cannot be read (sed then reads nothing). */
  readFile(name: string): string | undefined;
}

/** Commands one run may execute before the lab stops it: a script like `:a;ba` never ends. */
const MAX_STEPS = 2_000_000;
/** Characters the pattern or hold space may hold (`:a;H;x;G;x;ba` doubles them). */
const MAX_SPACE = 4_000_000;

/** How a cycle ended: with or without the automatic print, by D (again without reading), or by q/Q. */
type CycleEnd =
  | { readonly kind: 'end'; readonly print: boolean }
  | { readonly kind: 'restart' }
  | { readonly kind: 'quit'; readonly print: boolean; readonly exitCode: number };
type RangeState = { state: 'inactive' | 'active' | 'closed'; end: number };

class Execution {
  private pattern = '';
  private chomped = true;
  private hold = '';
  private holdChomped = true;
  private lineNumber = 0;
  private replaced = false;
  private appended: string[] = [];
  private lastRegex: SedRegex | undefined;
  private missingNewline = false;
  private readonly ranges: RangeState[];
  private source = -1;
  private lines: string[] = [];
  private lastChomped = true;
  private next = 0;
  private steps = 0;
  badInput = false;

  constructor(private readonly program: SedProgram, private readonly inputs: readonly SedInput[], private readonly options: SedRunOptions, private readonly sink: SedSink) {
    // compile.c starts a 0,/RE/ range active, so the regex is tried on line 1 too.
    this.ranges = program.commands.map((c) => ({ state: c.a1?.kind === 'line' && c.a1.line === 0 ? 'active' : 'inactive', end: 0 }));
  }

  /** Runs the script over the input: the exit status. */
  run(): number {
    const quiet = this.options.quiet || this.program.quiet;
    let end: CycleEnd = { kind: 'end', print: false };
    for (;;) {
      if (end.kind !== 'restart' && !this.readLine()) break;
      end = this.cycle();
      if (end.kind !== 'restart' && end.print && !quiet) this.printPattern();
      // Q leaves without the appended text; q and the end of a cycle write it.
      if (end.kind !== 'quit' || end.print) this.dumpAppended();
      if (end.kind === 'quit') {
        this.endFile();
        return end.exitCode;
      }
    }
    this.endFile();
    return this.badInput ? 2 : 0;
  }

  private write(text: string): void {
    if (this.missingNewline) this.sink.out('\n');
    this.missingNewline = false;
    this.sink.out(text);
  }

  /** output_pattern: text and, when the line had one, its newline. */
  private writeLine(text: string, newline: boolean): void {
    this.write(newline ? `${text}\n` : text);
    this.missingNewline = !newline;
  }

  private printPattern(): void {
    this.writeLine(this.pattern, this.chomped);
  }

  private dumpAppended(): void {
    for (const text of this.appended) this.write(text);
    this.appended = [];
  }

  private endFile(): void {
    if (this.source >= 0 && this.inputs[this.source]!.text !== undefined) this.sink.endFile(this.source);
  }

  /** read_pattern_space: the next line into the pattern space (appends are written first); false at the end of input. */
  private readLine(append = false): boolean {
    this.dumpAppended();
    while (this.next >= this.lines.length) {
      if (this.source + 1 >= this.inputs.length) return false;
      if (this.options.separate) this.endFile();
      const input = this.inputs[++this.source]!;
      if (input.text === undefined) {
        this.sink.err(input.error ?? '');
        this.badInput = true;
        if (input.fatal) throw new Stop(4);
        continue;
      }
      this.lines = input.text.split('\n');
      this.lastChomped = input.text.endsWith('\n');
      if (this.lastChomped || input.text === '') this.lines.pop();
      this.next = 0;
      if (this.options.separate) this.lineNumber = 0;
      if (this.options.inPlace) this.missingNewline = false;
      this.sink.startFile(this.source);
    }
    const line = this.lines[this.next++]!;
    const chomped = this.next < this.lines.length || this.lastChomped;
    this.pattern = append ? `${this.pattern}\n${line}` : line;
    this.chomped = chomped;
    this.lineNumber++;
    this.replaced = false;
    return true;
  }

  /** Whether the current line is the last (`$`): of its file with -s/-i, else of the whole input. */
  private isLast(): boolean {
    if (this.next < this.lines.length) return false;
    if (this.options.separate) return true;
    return !this.inputs.slice(this.source + 1).some((i) => i.text !== undefined && i.text !== '');
  }

  private regex(regex: SedRegex | null): SedRegex {
    const used = regex ?? this.lastRegex;
    if (!used) throw new Stop(1, `sed: -e expression #${this.options.expressions}, char 0: no previous regular expression\n`);
    this.lastRegex = used;
    used.re.lastIndex = 0;
    return used;
  }

  private matchOne(a: Address): boolean {
    switch (a.kind) {
      case 'line':
        return this.lineNumber === a.line;
      case 'last':
        return this.isLast();
      case 'regex':
        return this.regex(a.regex).re.test(this.pattern);
      case 'step':
        return this.lineNumber >= a.first && (this.lineNumber - a.first) % a.step === 0;
      case 'plus':
      case 'multiple':
        return false;
    }
  }

  /** match_address_p: whether the command applies to this line, moving its range along. */
  private matches(c: SedCommand, index: number): boolean {
    const { a1, a2 } = c;
    if (!a1) return true;
    if (!a2) return this.matchOne(a1);
    const range = this.ranges[index]!;
    const closed = a1.kind === 'line' ? 'closed' : 'inactive';
    const l = this.lineNumber;
    if (range.state === 'active') {
      if (a2.kind === 'line' || a2.kind === 'plus' || a2.kind === 'multiple') {
        if (l >= range.end) range.state = closed;
        return l <= range.end;
      }
      if (this.matchOne(a2)) range.state = closed;
      return true;
    }
    // A numbered first address starts the range on the first line at or past it (N may skip it).
    if (range.state === 'closed' || (a1.kind === 'line' ? l < a1.line : !this.matchOne(a1))) return false;
    if (a2.kind === 'line' || a2.kind === 'plus' || a2.kind === 'multiple') {
      range.end = a2.kind === 'line' ? a2.line : a2.kind === 'plus' ? l + a2.count : Math.ceil(l / a2.of) * a2.of;
      if (range.end <= l) {
        range.state = closed;
        return true;
      }
    }
    range.state = 'active';
    return true;
  }

  /** execute_program: one pass of the script over the pattern space. */
  private cycle(): CycleEnd {
    const commands = this.program.commands;
    for (let pc = 0; pc < commands.length; pc++) {
      if (++this.steps > MAX_STEPS) throw new Stop(4, `lab: sed: the script ran ${MAX_STEPS} commands without finishing; the lab stopped it\n`);
      if (this.pattern.length > MAX_SPACE || this.hold.length > MAX_SPACE) throw new Stop(4, `lab: sed: the pattern or hold space grew past ${MAX_SPACE} characters; the lab stopped the script\n`);
      const c = commands[pc]!;
      if (this.matches(c, pc) === c.negate) {
        if (c.op.name === '{') pc = c.op.end;
        continue;
      }
      const op = c.op;
      switch (op.name) {
        case '{': case '}': case ':':
          break;
        case '=':
          this.write(`${this.lineNumber}\n`);
          break;
        case 'a':
          this.appended.push(op.text);
          break;
        case 'r': {
          const text = this.options.readFile(op.file);
          if (text !== undefined) this.appended.push(text);
          break;
        }
        case 'i':
          this.write(op.text);
          break;
        case 'c':
          if (!c.a2 || this.ranges[pc]!.state !== 'active') this.write(op.text);
          return { kind: 'end', print: false };
        case 'b':
          pc = op.target - 1;
          break;
        case 't':
        case 'T':
          if (this.replaced === (op.name === 't')) pc = op.target - 1;
          this.replaced = false;
          break;
        case 'd':
          return { kind: 'end', print: false };
        case 'D': {
          const newline = this.pattern.indexOf('\n');
          if (newline < 0) return { kind: 'end', print: false };
          this.pattern = this.pattern.slice(newline + 1);
          return { kind: 'restart' };
        }
        case 'F':
          this.write(`${this.inputs[this.source]?.name ?? '-'}\n`);
          break;
        case 'g':
          this.pattern = this.hold;
          this.chomped = this.holdChomped;
          break;
        case 'G':
          this.pattern += `\n${this.hold}`;
          break;
        case 'h':
          this.hold = this.pattern;
          this.holdChomped = this.chomped;
          break;
        case 'H':
          this.hold += `\n${this.pattern}`;
          break;
        case 'x':
          [this.pattern, this.hold, this.chomped, this.holdChomped] = [this.hold, this.pattern, this.holdChomped, this.chomped];
          break;
        case 'l':
          this.list(op.width ?? this.options.lineLength);
          break;
        case 'n':
          // GNU: at the end of input n and N end the cycle with the automatic print.
          if (!this.moreInput()) return { kind: 'end', print: true };
          if (!(this.options.quiet || this.program.quiet)) this.printPattern();
          if (!this.readLine()) return { kind: 'end', print: false };
          break;
        case 'N':
          if (!this.moreInput()) return { kind: 'end', print: true };
          if (!this.readLine(true)) return { kind: 'end', print: true };
          break;
        case 'p':
          this.printPattern();
          break;
        case 'P': {
          const newline = this.pattern.indexOf('\n');
          this.writeLine(newline < 0 ? this.pattern : this.pattern.slice(0, newline), newline < 0 ? this.chomped : true);
          break;
        }
        case 'q':
        case 'Q':
          return { kind: 'quit', print: op.name === 'q', exitCode: op.exitCode };
        case 's':
          this.substitute(op);
          break;
        case 'y':
          this.pattern = [...this.pattern].map((ch) => op.map.get(ch) ?? ch).join('');
          break;
        case 'z':
          this.pattern = '';
          break;
      }
    }
    return { kind: 'end', print: true };
  }

  /** test_eof's opposite: another line follows in this file, or (without -s/-i) a later file may give one. */
  private moreInput(): boolean {
    if (this.next < this.lines.length) return true;
    return !this.options.separate && this.inputs.slice(this.source + 1).some((i) => i.text !== '');
  }

  /** do_subst: the Nth and (with g) later matches replaced; an empty match right after a match does not count. */
  private substitute(op: Substitution): void {
    const { re } = this.regex(op.regex);
    const text = this.pattern;
    let result = '';
    let copied = 0;
    let searchAt = 0;
    let previousEnd = -1;
    let count = 0;
    let done = false;
    while (searchAt <= text.length) {
      re.lastIndex = searchAt;
      const m = re.exec(text);
      if (!m) break;
      const end = m.index + m[0].length;
      if (m[0] === '' && m.index === previousEnd) {
        searchAt = m.index + 1;
        continue;
      }
      if (++count >= op.nth) {
        result += text.slice(copied, m.index) + expand(op.replacement, m);
        copied = end;
        done = true;
        if (!op.global) break;
      }
      previousEnd = end;
      searchAt = m[0] === '' ? end + 1 : end;
    }
    if (!done) return;
    this.pattern = result + text.slice(copied);
    this.replaced = true;
    if (op.print) this.printPattern();
  }

  /** do_list: the pattern space with C escapes and octal bytes, wrapped with `\` before `width` columns, ended by `$`. */
  private list(width: number): void {
    let out = '';
    let column = 0;
    const names: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' };
    for (const byte of new TextEncoder().encode(this.pattern)) {
      const piece = names[byte] ?? (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\${byte.toString(8).padStart(3, '0')}`);
      if (width > 1 && column + piece.length > width - 1) {
        out += '\\\n';
        column = 0;
      }
      out += piece;
      column += piece.length;
    }
    this.write(`${out}$\n`);
  }
}

/** Stops the run (panic, or a runtime bad_prog): a status and what sed says. */
class Stop extends Error {
  constructor(readonly status: number, message = '') {
    super(message);
  }
}

/** The replacement for one match: `&` and groups, with \L \U \E \l \u case conversion. */
function expand(parts: readonly ReplacementPart[], m: RegExpExecArray): string {
  let out = '';
  let mode: 'L' | 'U' | 'E' = 'E';
  let once: 'l' | 'u' | undefined;
  const add = (text: string): void => {
    if (text === '') return;
    if (once) {
      out += once === 'u' ? text[0]!.toUpperCase() : text[0]!.toLowerCase();
      text = text.slice(1);
      once = undefined;
    }
    out += mode === 'U' ? text.toUpperCase() : mode === 'L' ? text.toLowerCase() : text;
  };
  for (const part of parts) {
    if (part.kind === 'text') add(part.text);
    else if (part.kind === 'group') add(m[part.group] ?? '');
    else if (part.mode === 'l' || part.mode === 'u') once = part.mode;
    else mode = part.mode;
  }
  return out;
}

/** Runs a compiled program over the inputs, writing to the sink: sed's exit status. */
export function runSed(program: SedProgram, inputs: readonly SedInput[], options: SedRunOptions, sink: SedSink): number {
  const execution = new Execution(program, inputs, options, sink);
  try {
    return execution.run();
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    sink.err(e.message);
    return e.status;
  }
}
