import type { Expr, FunctionDef, Program, SourceLine, Stmt } from './ast.ts';
import { ExpressionEvaluator } from './evaluate.ts';
import { AwkFatal } from './fatal.ts';
import { processEscapes } from './lexer.ts';
import { RecordReader } from './records.ts';
import type { AwkHost, AwkRun, Cell } from './runtime.ts';
import { inputValue, toBoolean, toNumber, UNINIT, type AwkValue } from './values.ts';

/**
 * Runs a parsed awk program: BEGIN actions, then each record of each input operand through the
 * main rules, then END actions. Control leaves statements by completion codes (break, continue,
 * return) or, across function calls and rules, by the signals below (next, exit, fatal errors),
 * which never escape `run`. Every statement and loop iteration counts against a step budget, so a
 * runaway program stops with a lab message instead of hanging the page.
 */

export const MAX_STEPS = 1_000_000;
const MAX_CALL_DEPTH = 400;

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

/** Runs one program: BEGIN, the rules over every input record, END. */
export class Interpreter extends ExpressionEvaluator {
  private depth = 0;
  private returnValue: AwkValue = UNINIT;
  private steps = 0;
  private exitStatus = 0;
  private readonly ranges: boolean[];

  constructor(private readonly program: Program, run: AwkRun, host: AwkHost) {
    super(run, host);
    this.ranges = program.rules.map(() => false);
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

  protected override call(name: string, args: readonly Expr[], at: SourceLine): AwkValue {
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

  private tick(): void {
    if (++this.steps > MAX_STEPS) {
      throw new AwkFatal(`lab: awk: the program ran more than ${MAX_STEPS} steps (an endless loop?); stopped`, undefined, true);
    }
  }
}
