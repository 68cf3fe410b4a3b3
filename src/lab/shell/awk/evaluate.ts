import type { Expr, LValue, SourceLine } from './ast.ts';
import { callBuiltin } from './builtins.ts';
import { AwkFatal } from './fatal.ts';
import { compileAwkRegex } from './regex.ts';
import { AwkRuntime, MAX_FIELD } from './runtime.ts';
import { compareStrings, isNumeric, toBoolean, toNumber, UNINIT, type AwkValue } from './values.ts';

/**
 * Evaluates awk's expressions over the runtime's variables, record and fields: arithmetic,
 * POSIX's comparisons, regex matching, lvalues (variables, array elements, fields) and calls of
 * the built-in functions. A user-defined function's body is statements, so the Interpreter
 * (interpret.ts) supplies `call`.
 */

/** Evaluates expressions; the Interpreter extends it with statements and the program's run. */
export abstract class ExpressionEvaluator extends AwkRuntime {
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

  protected subscript(subscripts: readonly Expr[]): string {
    const keys = subscripts.map((s) => this.str(this.eval(s)));
    return keys.length === 1 ? keys[0]! : keys.join(this.getString('SUBSEP'));
  }

  /** Calls a user-defined function: binds its parameters, runs its body, returns its value. */
  protected abstract call(name: string, args: readonly Expr[], at: SourceLine): AwkValue;

  /** A regex operand: a literal's pattern, or any other value's string as a dynamic regex. */
  regex(e: Expr, at: SourceLine): RegExp {
    const source = e.kind === 'regex' ? e.source : this.str(this.eval(e));
    const re = compileAwkRegex(source);
    if (typeof re === 'string') throw new AwkFatal(`${re}: /${source}/`, at);
    re.lastIndex = 0;
    return re;
  }
}
