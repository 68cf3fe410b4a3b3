import type { SourceLine, VariableRef } from './ast.ts';
import { AwkFatal } from './fatal.ts';
import { awkSprintf } from './format.ts';
import { AwkRandom } from './random.ts';
import { fieldSplitter, splitFields, type FieldSplitter } from './records.ts';
import { inputValue, numberToString, StrNum, toNumber, UNINIT, type AwkValue } from './values.ts';

/**
 * What a running awk program works on: its variables (the globals, with ARGV, ENVIRON and the
 * special ones, and the running function's locals), the record ($0) and its fields, and the
 * files that print and printf redirect to; with the conversions of values to text (CONVFMT,
 * OFMT) and the lab's bounds on strings and output.
 */

/** What the interpreter needs from the command: input files, output files, streams. */
export interface AwkHost {
  /** An input operand's text, or strerror's text when it cannot be opened; `-` is stdin. */
  readInput(name: string): string | { readonly error: string; readonly directory?: boolean };
  /** Checks that an output file can be opened for writing; strerror's text when not. */
  openOutput(name: string): string | undefined;
  /** Writes an output file's content (appended, or replacing it). */
  writeOutput(name: string, content: string, append: boolean): void;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** How awk was started: its name for messages, the operands (ARGV), -v and -F settings, ENVIRON. */
export interface AwkRun {
  readonly name: string;
  readonly operands: readonly string[];
  readonly assignments: readonly (readonly [string, string])[];
  readonly fieldSeparator: string | undefined;
  readonly environ: Readonly<Record<string, string>>;
}

const MAX_STRING = 16_000_000;
const MAX_OUTPUT = 16_000_000;
export const MAX_FIELD = 100_000;

/** A variable's storage: a scalar, an array, or neither yet (an untyped parameter may point at its caller's cell). */
export interface Cell {
  value?: AwkValue;
  array?: Map<string, AwkValue>;
  outer?: Cell;
}

/** A running program's variables, record, fields and output files; the evaluator builds on it. */
export abstract class AwkRuntime {
  private readonly globals = new Map<string, Cell>();
  protected locals: Cell[] = [];
  private written = 0;
  protected record = '';
  private fields: AwkValue[] | undefined = [];
  private recordSplitter: FieldSplitter = { kind: 'blanks' };
  private readonly outputs = new Map<string, { content: string; append: boolean }>();
  readonly random = new AwkRandom();
  seed = 0;

  constructor(protected readonly run: AwkRun, protected readonly host: AwkHost) {
    const defaults: Record<string, AwkValue> = {
      FS: ' ', OFS: ' ', ORS: '\n', RS: '\n', SUBSEP: '\x1c', CONVFMT: '%.6g', OFMT: '%.6g',
      NR: 0, FNR: 0, RSTART: 0, RLENGTH: -1, FILENAME: '',
    };
    for (const [name, value] of Object.entries(defaults)) this.globals.set(name, { value });
    const argv = new Map<string, AwkValue>([['0', run.name]]);
    run.operands.forEach((o, i) => argv.set(String(i + 1), inputValue(o)));
    this.globals.set('ARGV', { array: argv });
    this.globals.set('ARGC', { value: run.operands.length + 1 });
    this.globals.set('ENVIRON', { array: new Map(Object.entries(run.environ).map(([k, v]) => [k, inputValue(v)])) });
  }

  // ---- variables ----

  protected cell(ref: VariableRef): Cell {
    if (ref.scope === 'local') return this.locals[ref.index]!;
    let cell = this.globals.get(ref.name);
    if (!cell) {
      cell = {};
      this.globals.set(ref.name, cell);
    }
    return cell;
  }

  /** A variable used as an array (it becomes one if it was nothing yet). */
  arrayOf(ref: VariableRef, at: SourceLine | undefined): Map<string, AwkValue> {
    return this.arrayOfCell(this.cell(ref), ref.name, at);
  }

  protected arrayOfCell(cell: Cell, name: string, at: SourceLine | undefined): Map<string, AwkValue> {
    if (cell.array) return cell.array;
    if (cell.value !== undefined) throw new AwkFatal(`attempt to use scalar \`${name}' as an array`, at);
    cell.array = cell.outer ? this.arrayOfCell(cell.outer, name, at) : new Map();
    return cell.array;
  }

  /** Whether a bare variable currently holds an array (length(arr)). */
  isArray(ref: VariableRef): boolean {
    return this.cell(ref).array !== undefined;
  }

  getGlobal(name: string): AwkValue {
    if (name === 'NF') return this.fieldsOf().length;
    return this.globals.get(name)?.value ?? UNINIT;
  }

  setGlobal(name: string, value: AwkValue): void {
    if (name === 'NF') return this.setNF(toNumber(value));
    const cell = this.cell({ scope: 'global', name });
    if (cell.array) throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`);
    cell.value = value;
  }

  getString(name: string): string {
    return this.str(this.getGlobal(name));
  }

  // ---- records and fields ----

  protected setRecord(text: string): void {
    this.record = text;
    this.fields = undefined;
    const splitter = fieldSplitter(this.getString('FS'), this.getString('RS') === '');
    if (typeof splitter === 'string') throw new AwkFatal(`${splitter}: /${this.getString('FS')}/`);
    this.recordSplitter = splitter;
  }

  protected fieldsOf(): AwkValue[] {
    this.fields ??= splitFields(this.record, this.recordSplitter).map(inputValue);
    return this.fields;
  }

  /** The record ($0) as text. */
  currentRecord(): string {
    return this.record;
  }

  getField(i: number): AwkValue {
    if (i === 0) return inputValue(this.record);
    return this.fieldsOf()[i - 1] ?? UNINIT;
  }

  setField(i: number, v: AwkValue): void {
    if (i === 0) return this.setRecord(this.str(v));
    const fields = this.fieldsOf();
    while (fields.length < i) fields.push(UNINIT);
    fields[i - 1] = v;
    this.rebuild();
  }

  protected setNF(n: number): void {
    const count = Math.trunc(n);
    if (count < 0) throw new AwkFatal('NF set to negative value');
    if (count > MAX_FIELD) throw new AwkFatal(`lab: awk: fields past $${MAX_FIELD} are not supported`, undefined, true);
    const fields = this.fieldsOf();
    fields.length = Math.min(fields.length, count);
    while (fields.length < count) fields.push(UNINIT);
    this.rebuild();
  }

  /** $0 rebuilt from the fields with OFS, after a field or NF is assigned. */
  private rebuild(): void {
    this.record = this.limit(this.fieldsOf().map((f) => this.str(f)).join(this.getString('OFS')));
  }

  // ---- strings and output ----

  /** A value as a string: numbers through CONVFMT unless integral. */
  str(v: AwkValue): string {
    if (typeof v === 'string') return v;
    if (v instanceof StrNum) return v.text;
    return numberToString(v, (n) => this.sprintf(this.getString('CONVFMT'), [n], undefined));
  }

  /** A value as print writes it: numbers through OFMT unless integral. */
  protected outputText(v: AwkValue): string {
    if (typeof v !== 'number') return this.str(v);
    return numberToString(v, (n) => this.sprintf(this.getString('OFMT'), [n], undefined));
  }

  sprintf(format: string, args: readonly AwkValue[], at: SourceLine | undefined): string {
    const result = awkSprintf(format, args, (v) => this.str(v));
    if ('error' in result) throw result.error.startsWith('lab:') ? new AwkFatal(result.error, undefined, true) : new AwkFatal(result.error, at);
    return this.limit(result.text);
  }

  /** A string checked against the lab's size bound. */
  limit(s: string): string {
    if (s.length > MAX_STRING) throw new AwkFatal(`lab: awk: a string longer than ${MAX_STRING} characters is not supported; stopped`, undefined, true);
    return s;
  }

  warn(at: SourceLine, message: string): void {
    this.host.stderr(`${this.run.name}: ${at.source}:${at.line}: warning: ${message}\n`);
  }

  protected output(redirect: { mode: '>' | '>>'; name: string; at: SourceLine } | undefined, text: string): void {
    this.written += text.length;
    if (this.written > MAX_OUTPUT) throw new AwkFatal(`lab: awk: more than ${MAX_OUTPUT} characters of output; stopped`, undefined, true);
    const name = redirect?.name;
    if (name === undefined || name === '/dev/stdout' || name === '-') return this.host.stdout(text);
    if (name === '/dev/stderr') return this.host.stderr(text);
    let file = this.outputs.get(name);
    if (!file) {
      const error = this.host.openOutput(name);
      if (error !== undefined) throw new AwkFatal(`can't redirect to \`${name}' (${error})`, redirect!.at);
      file = { content: '', append: redirect!.mode === '>>' };
      this.outputs.set(name, file);
    }
    file.content += text;
  }

  /** close(): writes an output file out; 0, or -1 when nothing of that name is open. */
  close(name: string): number {
    const file = this.outputs.get(name);
    if (!file) return -1;
    this.host.writeOutput(name, file.content, file.append);
    this.outputs.delete(name);
    return 0;
  }

  protected flushOutputs(): void {
    for (const name of [...this.outputs.keys()]) this.close(name);
  }
}
