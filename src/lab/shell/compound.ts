import type { LabDocument } from '../document.ts';
import { ArithError, arithVariables, evaluateArith } from './arith.ts';
import { subshellOf } from './call-stack.ts';
import { evaluateConditional } from './conditional.ts';
import { testPrimary } from './coreutils/test.ts';
import { expandValue, expandWords, type Expander } from './expand.ts';
import { ExpansionError } from './expansion-error.ts';
import type { OutputChunk } from './output.ts';
import { casePattern } from './pattern.ts';
import {
  enterLine, errorPrefix, fsAt, LOOP_STOPPED, loopNext, MAX_LOOP_ROUNDS, positional, saveShell, type Ran, type Stamp, type Where,
} from './session-frame.ts';
import type {
  ArithCommand, ArithForCommand, CaseCommand, CommandLine, CondCommand, ForCommand, IfCommand, WhileCommand,
} from './syntax/command-line.ts';
import { isName } from './syntax/word.ts';
import type { ShellRuntime } from './types.ts';
import { xtraceLine } from './xtrace.ts';

/** What the compound commands run their lists through: the session. */
export interface CompoundCore {
  runList(doc: LabDocument, at: Where, list: CommandLine): Ran;
  /** A shell (a subshell) ends: its EXIT trap runs. */
  exitTrap(r: Ran, at: Where): Ran;
  stamper(): Stamp;
  runtime(): ShellRuntime | undefined;
}

/**
 * bash's compound commands once their redirections are in place (the session applies those):
 * if, while/until, for, case, `(( ))`, `for (( ))`, `[[ ]]` and `( … )`.
 */
export class CompoundCommands {
  constructor(private readonly core: CompoundCore) {}

  /** if: the body of the first clause whose condition succeeds, else the else part; 0 when none runs. */
  runIf(doc: LabDocument, at: Where, cmd: IfCommand): Ran {
    const output: OutputChunk[] = [];
    let current = doc;
    for (const clause of [...cmd.clauses, ...(cmd.orElse ? [{ condition: null, body: cmd.orElse }] : [])]) {
      if (clause.condition) {
        const c = this.core.runList(current, { ...at, condition: true }, clause.condition);
        output.push(...c.output);
        current = c.doc;
        if (c.control) return { ...c, output };
        if (c.exitCode !== 0) continue;
      }
      const r = this.core.runList(current, at, clause.body);
      return { ...r, output: [...output, ...r.output] };
    }
    return { output, exitCode: 0, doc: current };
  }

  /** while/until: the body runs while the condition succeeds (fails); the status is the body's last, 0 when it never ran. */
  runWhile(doc: LabDocument, at: Where, cmd: WhileCommand): Ran {
    const output: OutputChunk[] = [];
    const inLoop = { ...at, loops: at.loops + 1 };
    let current = doc;
    let status = 0;
    for (let round = 0; ; round++) {
      if (round === MAX_LOOP_ROUNDS) {
        output.push(...this.core.stamper()([LOOP_STOPPED]));
        return { output, exitCode: 130, doc: current };
      }
      const c = this.core.runList(current, { ...inLoop, condition: true }, cmd.condition);
      output.push(...c.output);
      current = c.doc;
      const control = c.control ?? (c.exitCode === 0 === cmd.until ? { kind: 'break' as const, levels: 1 } : undefined);
      const body = control ? undefined : this.core.runList(current, inLoop, cmd.body);
      if (body) {
        output.push(...body.output);
        current = body.doc;
        status = body.exitCode;
      }
      const next = loopNext(control ?? body?.control);
      if (next.stop) return next.outward ? { output, exitCode: status, doc: current, control: next.outward } : { output, exitCode: status, doc: current };
    }
  }

  /** bash's for loop: the variable takes each expanded word in turn (and keeps the last one). */
  runFor(doc: LabDocument, at: Where, cmd: ForCommand, x: Expander): Ran {
    if (!isName(cmd.name)) {
      return { output: this.core.stamper()([{ stream: 'stderr', text: `bash: \`${cmd.name}': not a valid identifier\n` }]), exitCode: 1, doc };
    }
    // Without `in`, the loop runs over the positional parameters (the function's, script's or console's).
    enterLine(at, cmd.line);
    const values = cmd.items === null ? [...positional(at)] : expandWords(cmd.items, x);
    const body = { ...at, loops: at.loops + 1 };
    const output: OutputChunk[] = [];
    let current = doc;
    let status = 0;
    // set -x shows the loop's head, as typed, before each round (xtrace_print_for_command_head).
    const head = `for ${cmd.name} in ${cmd.items === null ? '"$@"' : cmd.items.map((w) => w.raw).join(' ')}`;
    const line = (at.script?.offset ?? 0) + cmd.line;
    for (const value of values) {
      at.state.lineno = line;
      if (at.state.options.has('xtrace')) output.push(...this.core.stamper()([xtraceLine(at, [head], x)]));
      // A read-only loop variable stops the loop before its body runs.
      const problem = at.state.variables.set(cmd.name, value);
      if (problem !== undefined) {
        output.push(...this.core.stamper()([{ stream: 'stderr', text: `${errorPrefix(at, cmd.line)}${problem}\n` }]));
        return { output, exitCode: 1, doc: current };
      }
      const r = this.core.runList(current, body, cmd.body);
      output.push(...r.output);
      current = r.doc;
      status = r.exitCode;
      const next = loopNext(r.control);
      if (next.stop) return { output, exitCode: status, doc: current, ...(next.outward ? { control: next.outward } : {}) };
    }
    return { output, exitCode: status, doc: current };
  }

  /** case: the first item with a pattern matching the word runs; 0 when none matches. */
  runCase(doc: LabDocument, at: Where, cmd: CaseCommand, x: Expander): Ran {
    // set -x shows the head with the word as typed (xtrace_print_case_command_head).
    enterLine(at, cmd.line);
    const traced = at.state.options.has('xtrace') ? this.core.stamper()([xtraceLine(at, [`case ${cmd.word.raw} in`], x)]) : [];
    let chosen: CommandLine | undefined;
    try {
      const subject = expandValue(cmd.word.parts, x);
      chosen = cmd.items.find((item) => item.patterns.some((p) => casePattern(p, x).test(subject)))?.body;
    } catch (e) {
      // The traced head stays when a word or pattern fails to expand.
      if (e instanceof ExpansionError) e.before = [...traced, ...e.before];
      throw e;
    }
    if (chosen === undefined) return { output: traced, exitCode: 0, doc };
    const r = this.core.runList(doc, at, chosen);
    return { ...r, output: [...traced, ...r.output] };
  }

  /** `((EXPRESSION))`: 0 when its value is not zero, 1 when it is or on an error (`bash: ((: …`). */
  runArith(doc: LabDocument, at: Where, cmd: ArithCommand, x: Expander): Ran {
    enterLine(at, cmd.line);
    const expression = expandValue(cmd.expression.parts, x);
    // set -x: xtrace_print_arith_cmd puts a space inside each pair of parentheses.
    const traced = at.state.options.has('xtrace') ? this.core.stamper()([xtraceLine(at, [`(( ${expression} ))`], x)]) : [];
    const r = this.arith(at, cmd.line, expression, x);
    if (typeof r !== 'bigint') return { output: [...traced, ...r], exitCode: 1, doc };
    return { output: traced, exitCode: r !== 0n ? 0 : 1, doc };
  }

  /** Evaluates an arithmetic command's expression; its value, or the error as bash prints it. */
  arith(at: Where, line: number, expression: string, x: Expander): bigint | OutputChunk[] {
    let r: bigint | ArithError;
    try {
      r = evaluateArith(expression, arithVariables(x));
    } catch (e) {
      // Assigning a read-only variable fails the command with bash's message (expr_bind_variable); other errors go on.
      if (!(e instanceof ExpansionError) || e.fatal || !e.message.endsWith(': readonly variable')) throw e;
      return this.core.stamper()([{ stream: 'stderr', text: `${errorPrefix(at, line)}${e.message}\n` }]);
    }
    if (r instanceof ArithError) return this.core.stamper()([{ stream: 'stderr', text: `${errorPrefix(at, line)}((: ${r.text}\n` }]);
    return r;
  }

  /** `for ((INIT; CONDITION; STEP))`: INIT once, then the body while CONDITION (empty: true) is not zero, STEP after each round. */
  runArithFor(doc: LabDocument, at: Where, cmd: ArithForCommand, x: Expander): Ran {
    const output: OutputChunk[] = [];
    const inLoop = { ...at, loops: at.loops + 1 };
    let current = doc;
    let status = 0;
    enterLine(at, cmd.line);
    const evaluate = (w: typeof cmd.init): bigint | undefined => {
      try {
        const text = expandValue(w.parts, x);
        // set -x shows each of the three expressions as it is evaluated, without its leading blanks.
        if (at.state.options.has('xtrace')) output.push(...this.core.stamper()([xtraceLine(at, [`(( ${text.replace(/^[ \t\n]+/, '')} ))`], x)]));
        if (text.trim() === '' && w === cmd.condition) return 1n;
        const r = this.arith(at, cmd.line, text, x);
        if (typeof r === 'bigint') return r;
        output.push(...r);
        return undefined;
      } catch (e) {
        // The rounds that ran keep their output.
        if (e instanceof ExpansionError) e.before = [...output, ...e.before];
        throw e;
      }
    };
    if (evaluate(cmd.init) === undefined) return { output, exitCode: 1, doc };
    for (let round = 0; ; round++) {
      if (round === MAX_LOOP_ROUNDS) {
        output.push(...this.core.stamper()([LOOP_STOPPED]));
        return { output, exitCode: 130, doc: current };
      }
      const condition = evaluate(cmd.condition);
      if (condition === undefined) return { output, exitCode: 1, doc: current };
      if (condition === 0n) return { output, exitCode: status, doc: current };
      const body = this.core.runList(current, inLoop, cmd.body);
      output.push(...body.output);
      current = body.doc;
      status = body.exitCode;
      const next = loopNext(body.control);
      if (next.stop) return { output, exitCode: status, doc: current, ...(next.outward ? { control: next.outward } : {}) };
      if (evaluate(cmd.step) === undefined) return { output, exitCode: 1, doc: current };
    }
  }

  /** `[[ … ]]`: 0 when the expression holds, 1 when not, 2 for a bad regular expression or test. */
  runCond(doc: LabDocument, at: Where, cmd: CondCommand, x: Expander): Ran {
    const fs = fsAt(doc, at, this.core.runtime());
    enterLine(at, cmd.line);
    // set -x shows each term as it is tested.
    const traced: OutputChunk[] = [];
    const trace = at.state.options.has('xtrace') ? (term: string) => traced.push(...this.core.stamper()([xtraceLine(at, [`[[ ${term} ]]`], x)])) : undefined;
    const r = evaluateConditional(cmd.expr, x, (args) => testPrimary(fs, at.state.cwd, args), trace);
    const message = r.error === undefined ? [] : this.core.stamper()([{ stream: 'stderr' as const, text: `${r.error.startsWith('lab: ') ? '' : errorPrefix(at, cmd.line)}${r.error}\n` }]);
    return { output: [...traced, ...message], exitCode: r.status, doc };
  }

  runSubshell(doc: LabDocument, at: Where, list: CommandLine): Ran {
    const restore = saveShell(at.state);
    // A subshell starts without the traps of its parent (it may set its own EXIT trap).
    at.state.traps.clear();
    const inside = { ...subshellOf(at), loops: 0 };
    const r = this.core.exitTrap(this.core.runList(doc, inside, list), inside);
    restore();
    return { output: r.output, exitCode: r.exitCode, doc: r.doc };
  }
}
