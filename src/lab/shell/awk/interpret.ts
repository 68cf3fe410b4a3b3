import type { Expr, FunctionDef, LValue, Program, SourceLine, Stmt, VariableRef } from './ast.ts';
import { callBuiltin } from './builtins.ts';
import { AwkFatal } from './fatal.ts';
import { awkSprintf } from './format.ts';
import { processEscapes } from './lexer.ts';
import { AwkRandom } from './random.ts';
import { fieldSplitter, RecordReader, splitFields, type FieldSplitter } from './records.ts';
import { compileAwkRegex } from './regex.ts';
import { compareStrings, inputValue, isNumeric, numberToString, StrNum, toBoolean, toNumber, UNINIT, type AwkValue } from './values.ts';

/**
 * Runs a parsed awk program: BEGIN actions, then each record of each input operand through the
 * main rules, then END actions. Control leaves statements by completion codes (break, continue,
 * return) or, across function calls and rules, by the signals below (next, exit, fatal errors),
 * which never escape `run`. Every statement and loop iteration counts against a step budget, so a
 * runaway program stops with a lab message instead of hanging the page.
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

export const MAX_STEPS = 1_000_000;
const MAX_STRING = 16_000_000;
const MAX_OUTPUT = 16_000_000;
const MAX_CALL_DEPTH = 400;
const MAX_FIELD = 100_000;

/** A variable's storage: a scalar, an array, or neither yet (an untyped parameter may point at its caller's cell). */
interface Cell {
  value?: AwkValue;
  array?: Map<string, AwkValue>;
  outer?: Cell;
}

const enum Completion { Normal, Break, Continue, Return }

/** `next` (or `nextfile`, when `file`): leaves the rules for this record. */
class NextRecord extends Error {
  constructor(readonly file: boolean) {
    super(file ? 'nextfile' : 'next');
  }
}
/** `exit`: leaves BEGIN, the rules or END. */
class ExitProgram extends Error {}

const NEXT = new NextRecord(false);
const NEXTFILE = new NextRecord(true);
const EXIT = new ExitProgram();

export class Interpreter {
  private readonly globals = new Map<string, Cell>();
  private locals: Cell[] = [];
  private depth = 0;
  private returnValue: AwkValue = UNINIT;
  private steps = 0;
  private written = 0;
  private exitStatus = 0;
  private record = '';
  private fields: AwkValue[] | undefined = [];
  private recordSplitter: FieldSplitter = { kind: 'blanks' };
  private readonly ranges: boolean[];
  private readonly outputs = new Map<string, { content: string; append: boolean }>();
  readonly random = new AwkRandom();
  seed = 0;

  constructor(private readonly program: Program, private readonly run: AwkRun, private readonly host: AwkHost) {
    this.ranges = program.rules.map(() => false);
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

  /** Runs the whole program; the exit status (2 after a fatal error). Output goes to the host. */
  execute(): number {
    try {
      if (this.run.fieldSeparator !== undefined) this.setGlobal('FS', this.run.fieldSeparator);
      for (const [name, value] of this.run.assignments) this.setGlobal(name, inputValue(value));
      // exit in BEGIN or a rule skips the input but still runs the END actions; exit in END stops them.
      if (this.runActions(this.program.begin) && (this.program.rules.length > 0 || this.program.end.length > 0)) this.readInputs();
      this.runActions(this.program.end);
      this.flushOutputs();
      return this.exitStatus;
    } catch (e) {
      this.flushOutputs();
      if (e instanceof RangeError) {
        // The JavaScript stack ran out (expressions nested thousands deep): stop as a runaway program does.
        this.host.stderr('lab: awk: the program nests too deeply; stopped\n');
        return 2;
      }
      if (!(e instanceof AwkFatal)) throw e;
      const where = e.at ? `${e.at.source}:${e.at.line}: ` : '';
      this.host.stderr(e.lab ? `${e.message}\n` : `${this.run.name}: ${where}fatal: ${e.message}\n`);
      return 2;
    }
  }

  /** Runs BEGIN or END actions; false when one of them executed `exit`. */
  private runActions(actions: Program['begin']): boolean {
    try {
      for (const action of actions) this.execBlock(action);
      return true;
    } catch (e) {
      if (e === EXIT) return false;
      throw e;
    }
  }

  /** Reads every operand in ARGV (stdin when none names a file); false after `exit`. */
  private readInputs(): boolean {
    let readAny = false;
    const argv = this.arrayOfCell(this.cell({ scope: 'global', name: 'ARGV' }), 'ARGV', undefined);
    for (let i = 1; i < toNumber(this.getGlobal('ARGC')); i++) {
      const arg = argv.get(String(i));
      const text = arg === undefined ? '' : this.str(arg);
      if (text === '') continue;
      const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(text);
      if (assignment) {
        this.setGlobal(assignment[1]!, inputValue(processEscapes(assignment[2]!)));
        continue;
      }
      readAny = true;
      const input = this.host.readInput(text);
      if (typeof input !== 'string') {
        if (input.directory) {
          this.host.stderr(`${this.run.name}: warning: command line argument \`${text}' is a directory: skipped\n`);
          continue;
        }
        throw new AwkFatal(`cannot open file \`${text}' for reading (${input.error})`);
      }
      if (!this.readFile(text, input)) return false;
    }
    if (readAny) return true;
    const stdin = this.host.readInput('-');
    return this.readFile('', typeof stdin === 'string' ? stdin : '');
  }

  /** Runs the main rules over one input's records; false after `exit`. */
  private readFile(name: string, text: string): boolean {
    this.setGlobal('FILENAME', name);
    this.setGlobal('FNR', 0);
    const reader = new RecordReader(text);
    for (;;) {
      const record = reader.next(this.getString('RS'));
      if (record === undefined) return true;
      if (typeof record !== 'string') throw new AwkFatal(`${record.error}: /${this.getString('RS')}/`);
      this.setRecord(record);
      this.setGlobal('NR', toNumber(this.getGlobal('NR')) + 1);
      this.setGlobal('FNR', toNumber(this.getGlobal('FNR')) + 1);
      try {
        this.runRules();
      } catch (e) {
        if (e === EXIT) return false;
        if (e === NEXTFILE) return true;
        if (e !== NEXT) throw e;
      }
    }
  }

  private runRules(): void {
    this.program.rules.forEach((rule, i) => {
      this.tick();
      const p = rule.pattern;
      let selected: boolean;
      if (p.kind === 'all') selected = true;
      else if (p.kind === 'expr') selected = toBoolean(this.eval(p.expr));
      else if (this.ranges[i]) {
        selected = true;
        if (toBoolean(this.eval(p.to))) this.ranges[i] = false;
      } else {
        selected = toBoolean(this.eval(p.from));
        // A range whose end matches the record that started it is just that record.
        if (selected && !toBoolean(this.eval(p.to))) this.ranges[i] = true;
      }
      if (!selected) return;
      if (rule.action) this.execBlock(rule.action);
      else this.output(undefined, `${this.record}${this.getString('ORS')}`);
    });
  }

  // ---- statements ----

  private execBlock(body: readonly Stmt[]): Completion {
    for (const s of body) {
      const c = this.exec(s);
      if (c !== Completion.Normal) return c;
    }
    return Completion.Normal;
  }

  private exec(s: Stmt): Completion {
    this.tick();
    switch (s.kind) {
      case 'expr': this.eval(s.expr); return Completion.Normal;
      case 'print': {
        const ofs = this.getString('OFS');
        const text = s.args.length === 0 ? this.record : s.args.map((a) => this.outputText(this.eval(a))).join(ofs);
        this.output(s.redirect && { mode: s.redirect.mode, name: this.str(this.eval(s.redirect.target)), at: s.at }, text + this.getString('ORS'));
        return Completion.Normal;
      }
      case 'printf': {
        const [format, ...rest] = s.args.map((a) => this.eval(a));
        const text = this.sprintf(this.str(format!), rest, s.at);
        this.output(s.redirect && { mode: s.redirect.mode, name: this.str(this.eval(s.redirect.target)), at: s.at }, text);
        return Completion.Normal;
      }
      case 'if':
        if (toBoolean(this.eval(s.test))) return this.exec(s.then);
        return s.otherwise ? this.exec(s.otherwise) : Completion.Normal;
      case 'while':
        while (toBoolean(this.eval(s.test))) {
          this.tick();
          const c = this.exec(s.body);
          if (c === Completion.Break) break;
          if (c === Completion.Return) return c;
        }
        return Completion.Normal;
      case 'do':
        do {
          this.tick();
          const c = this.exec(s.body);
          if (c === Completion.Break) break;
          if (c === Completion.Return) return c;
        } while (toBoolean(this.eval(s.test)));
        return Completion.Normal;
      case 'for':
        if (s.init) this.eval(s.init);
        while (!s.test || toBoolean(this.eval(s.test))) {
          this.tick();
          const c = this.exec(s.body);
          if (c === Completion.Break) break;
          if (c === Completion.Return) return c;
          if (s.step) this.eval(s.step);
        }
        return Completion.Normal;
      case 'forin': {
        // gawk walks a list of the subscripts made when the loop starts.
        const array = this.arrayOf(s.array, s.at);
        for (const key of [...array.keys()]) {
          this.tick();
          this.lvalue(s.variable).set(inputValue(key));
          const c = this.exec(s.body);
          if (c === Completion.Break) break;
          if (c === Completion.Return) return c;
        }
        return Completion.Normal;
      }
      case 'block': return this.execBlock(s.body);
      case 'break': return Completion.Break;
      case 'continue': return Completion.Continue;
      case 'next': throw NEXT;
      case 'nextfile': throw NEXTFILE;
      case 'exit':
        if (s.status) this.exitStatus = Math.trunc(toNumber(this.eval(s.status))) & 0xff;
        throw EXIT;
      case 'return':
        this.returnValue = s.value ? this.eval(s.value) : UNINIT;
        return Completion.Return;
      case 'delete': {
        const array = this.arrayOf(s.array, s.at);
        if (s.subscripts) array.delete(this.subscript(s.subscripts));
        else array.clear();
        return Completion.Normal;
      }
    }
  }

  // ---- expressions ----

  /** Evaluates an expression. */
  eval(e: Expr): AwkValue {
    switch (e.kind) {
      case 'number': return e.value;
      case 'string': return e.value;
      case 'regex': return this.regex(e, e.at).test(this.record) ? 1 : 0;
      case 'var': case 'index': case 'field': return this.lvalue(e).get();
      case 'assign': {
        const target = this.lvalue(e.target);
        if (e.op === '=') {
          const value = this.eval(e.value);
          target.set(value);
          return value;
        }
        const right = toNumber(this.eval(e.value));
        const value = this.arithmetic(e.op[0] as '+', toNumber(target.get()), right, e.at);
        target.set(value);
        return value;
      }
      case 'cond': return toBoolean(this.eval(e.test)) ? this.eval(e.then) : this.eval(e.otherwise);
      case 'and': return toBoolean(this.eval(e.left)) && toBoolean(this.eval(e.right)) ? 1 : 0;
      case 'or': return toBoolean(this.eval(e.left)) || toBoolean(this.eval(e.right)) ? 1 : 0;
      case 'match': {
        const subject = this.str(this.eval(e.subject));
        return this.regex(e.pattern, e.at).test(subject) !== e.negated ? 1 : 0;
      }
      case 'in': return this.arrayOf(e.array, e.at).has(this.subscript(e.subscripts)) ? 1 : 0;
      case 'binary': {
        const left = this.eval(e.left);
        const right = this.eval(e.right);
        switch (e.op) {
          case '<': return this.compare(left, right) < 0 ? 1 : 0;
          case '<=': return this.compare(left, right) <= 0 ? 1 : 0;
          case '>': return this.compare(left, right) > 0 ? 1 : 0;
          case '>=': return this.compare(left, right) >= 0 ? 1 : 0;
          case '==': return this.compare(left, right) === 0 ? 1 : 0;
          case '!=': return this.compare(left, right) !== 0 ? 1 : 0;
          default: return this.arithmetic(e.op, toNumber(left), toNumber(right), e.at);
        }
      }
      case 'concat': return this.limit(this.str(this.eval(e.left)) + this.str(this.eval(e.right)));
      case 'unary': {
        const v = this.eval(e.operand);
        return e.op === '!' ? (toBoolean(v) ? 0 : 1) : e.op === '-' ? -toNumber(v) : toNumber(v);
      }
      case 'incdec': {
        const target = this.lvalue(e.target);
        const old = toNumber(target.get());
        const value = e.op === '++' ? old + 1 : old - 1;
        target.set(value);
        return e.prefix ? value : old;
      }
      case 'group': return e.items.map((i) => this.str(this.eval(i))).join(this.getString('SUBSEP'));
      case 'builtin': return callBuiltin(this, e.name, e.args, e.at);
      case 'call': return this.call(e.name, e.args, e.at);
    }
  }

  private arithmetic(op: '+' | '-' | '*' | '/' | '%' | '^', a: number, b: number, at: SourceLine): number {
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/':
        if (b === 0) throw new AwkFatal('division by zero attempted', at);
        return a / b;
      case '%':
        if (b === 0) throw new AwkFatal("division by zero attempted in `%'", at);
        return a % b;
      case '^': return a ** b;
    }
  }

  /** POSIX's comparison: numeric when both sides are numbers or numeric-looking input, else as strings. */
  private compare(a: AwkValue, b: AwkValue): number {
    if (isNumeric(a) && isNumeric(b)) {
      const x = toNumber(a);
      const y = toNumber(b);
      return x < y ? -1 : x > y ? 1 : x === y ? 0 : 1;
    }
    return compareStrings(this.str(a), this.str(b));
  }

  /** An lvalue's current value and how to assign it. */
  lvalue(e: LValue): { get(): AwkValue; set(v: AwkValue): void } {
    if (e.kind === 'field') {
      const index = toNumber(this.eval(e.index));
      const i = Math.trunc(index);
      if (i < 0) throw new AwkFatal(`attempt to access field ${i}`, e.at);
      if (i > MAX_FIELD) throw new AwkFatal(`lab: awk: fields past $${MAX_FIELD} are not supported`, undefined, true);
      return { get: () => this.getField(i), set: (v) => this.setField(i, v) };
    }
    if (e.kind === 'index') {
      const array = this.arrayOf(e.ref, e.at);
      const key = this.subscript(e.subscripts);
      return {
        get: () => {
          const v = array.get(key);
          if (v !== undefined) return v;
          // Referring to an element creates it.
          array.set(key, UNINIT);
          return UNINIT;
        },
        set: (v) => void array.set(key, v),
      };
    }
    const { ref, at } = e;
    if (ref.scope === 'global' && ref.name === 'NF') return { get: () => this.fieldsOf().length, set: (v) => this.setNF(toNumber(v)) };
    const cell = this.cell(ref);
    return {
      get: () => {
        if (cell.array) throw new AwkFatal(`attempt to use array \`${ref.name}' in a scalar context`, at);
        return cell.value ?? UNINIT;
      },
      set: (v) => {
        if (cell.array) throw new AwkFatal(`attempt to use array \`${ref.name}' in a scalar context`, at);
        cell.value = v;
      },
    };
  }

  private cell(ref: VariableRef): Cell {
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

  private arrayOfCell(cell: Cell, name: string, at: SourceLine | undefined): Map<string, AwkValue> {
    if (cell.array) return cell.array;
    if (cell.value !== undefined) throw new AwkFatal(`attempt to use scalar \`${name}' as an array`, at);
    cell.array = cell.outer ? this.arrayOfCell(cell.outer, name, at) : new Map();
    return cell.array;
  }

  /** Whether a bare variable currently holds an array (length(arr)). */
  isArray(ref: VariableRef): boolean {
    return this.cell(ref).array !== undefined;
  }

  private subscript(subscripts: readonly Expr[]): string {
    const keys = subscripts.map((s) => this.str(this.eval(s)));
    return keys.length === 1 ? keys[0]! : keys.join(this.getString('SUBSEP'));
  }

  private call(name: string, args: readonly Expr[], at: SourceLine): AwkValue {
    const fn: FunctionDef | undefined = this.program.functions.get(name);
    if (!fn) throw new AwkFatal(`function \`${name}' not defined`, at);
    if (args.length > fn.params.length) throw new AwkFatal(`function \`${name}' called with more arguments than declared`, at);
    if (this.depth >= MAX_CALL_DEPTH) throw new AwkFatal(`lab: awk: function calls nested more than ${MAX_CALL_DEPTH} deep; stopped`, undefined, true);
    const frame: Cell[] = fn.params.map((_, i) => {
      const arg = args[i];
      if (!arg) return {};
      if (arg.kind === 'var' && !(arg.ref.scope === 'global' && arg.ref.name === 'NF')) {
        const caller = this.cell(arg.ref);
        if (caller.array) return { array: caller.array };
        // An untyped variable may become an array inside the callee, and then in the caller too.
        if (caller.value === undefined) return { outer: caller };
        return { value: caller.value };
      }
      return { value: this.eval(arg) };
    });
    const saved = this.locals;
    this.locals = frame;
    this.depth++;
    this.returnValue = UNINIT;
    try {
      this.execBlock(fn.body);
      return this.returnValue;
    } finally {
      this.locals = saved;
      this.depth--;
    }
  }

  // ---- records and fields ----

  private setRecord(text: string): void {
    this.record = text;
    this.fields = undefined;
    const splitter = fieldSplitter(this.getString('FS'), this.getString('RS') === '');
    if (typeof splitter === 'string') throw new AwkFatal(`${splitter}: /${this.getString('FS')}/`);
    this.recordSplitter = splitter;
  }

  private fieldsOf(): AwkValue[] {
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

  private setNF(n: number): void {
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

  // ---- variables, strings, output ----

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

  /** A value as a string: numbers through CONVFMT unless integral. */
  str(v: AwkValue): string {
    if (typeof v === 'string') return v;
    if (v instanceof StrNum) return v.text;
    return numberToString(v, (n) => this.sprintf(this.getString('CONVFMT'), [n], undefined));
  }

  /** A value as print writes it: numbers through OFMT unless integral. */
  private outputText(v: AwkValue): string {
    if (typeof v !== 'number') return this.str(v);
    return numberToString(v, (n) => this.sprintf(this.getString('OFMT'), [n], undefined));
  }

  sprintf(format: string, args: readonly AwkValue[], at: SourceLine | undefined): string {
    const result = awkSprintf(format, args, (v) => this.str(v));
    if ('error' in result) throw result.error.startsWith('lab:') ? new AwkFatal(result.error, undefined, true) : new AwkFatal(result.error, at);
    return this.limit(result.text);
  }

  /** A regex operand: a literal's pattern, or any other value's string as a dynamic regex. */
  regex(e: Expr, at: SourceLine): RegExp {
    const source = e.kind === 'regex' ? e.source : this.str(this.eval(e));
    const re = compileAwkRegex(source);
    if (typeof re === 'string') throw new AwkFatal(`${re}: /${source}/`, at);
    re.lastIndex = 0;
    return re;
  }

  /** A string checked against the lab's size bound. */
  limit(s: string): string {
    if (s.length > MAX_STRING) throw new AwkFatal(`lab: awk: a string longer than ${MAX_STRING} characters is not supported; stopped`, undefined, true);
    return s;
  }

  warn(at: SourceLine, message: string): void {
    this.host.stderr(`${this.run.name}: ${at.source}:${at.line}: warning: ${message}\n`);
  }

  private output(redirect: { mode: '>' | '>>'; name: string; at: SourceLine } | undefined, text: string): void {
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

  private flushOutputs(): void {
    for (const name of [...this.outputs.keys()]) this.close(name);
  }

  private tick(): void {
    if (++this.steps > MAX_STEPS) {
      throw new AwkFatal(`lab: awk: the program ran more than ${MAX_STEPS} steps (an endless loop?); stopped`, undefined, true);
    }
  }
}
