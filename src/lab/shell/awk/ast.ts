/**
 * The syntax tree of an awk program, as the parser builds it and the interpreter walks it. Every
 * node that can fail at run time carries `line` (its line in its source) so fatal errors read
 * `awk: cmd. line:N: fatal: …` as gawk's do.
 */

/** Where a node came from: the source's name as gawk prints it (`cmd. line`, a -f file) and the line. */
export interface SourceLine {
  readonly source: string;
  readonly line: number;
}

/** A variable reference, resolved by the parser: a function's parameter (by index) or a global (by name). */
export type VariableRef =
  | { readonly scope: 'local'; readonly index: number; readonly name: string }
  | { readonly scope: 'global'; readonly name: string };

export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '^=';
export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '^' | '<' | '<=' | '>' | '>=' | '==' | '!=';

/** An lvalue: a variable, an array element or a field. */
export type LValue =
  | { readonly kind: 'var'; readonly ref: VariableRef; readonly at: SourceLine }
  | { readonly kind: 'index'; readonly ref: VariableRef; readonly subscripts: readonly Expr[]; readonly at: SourceLine }
  | { readonly kind: 'field'; readonly index: Expr; readonly at: SourceLine };

export type Expr =
  | LValue
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  /** A regex literal: alone it matches $0; after `~`, in split/sub/match it is the pattern. */
  | { readonly kind: 'regex'; readonly source: string; readonly at: SourceLine }
  | { readonly kind: 'assign'; readonly op: AssignOp; readonly target: LValue; readonly value: Expr; readonly at: SourceLine }
  | { readonly kind: 'cond'; readonly test: Expr; readonly then: Expr; readonly otherwise: Expr }
  | { readonly kind: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'match'; readonly negated: boolean; readonly subject: Expr; readonly pattern: Expr; readonly at: SourceLine }
  | { readonly kind: 'in'; readonly subscripts: readonly Expr[]; readonly array: VariableRef; readonly at: SourceLine }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly at: SourceLine }
  | { readonly kind: 'concat'; readonly left: Expr; readonly right: Expr; readonly at: SourceLine }
  | { readonly kind: 'unary'; readonly op: '-' | '+' | '!'; readonly operand: Expr }
  | { readonly kind: 'incdec'; readonly op: '++' | '--'; readonly prefix: boolean; readonly target: LValue; readonly at: SourceLine }
  /** `(a, b)`: only valid as print's argument list or before `in`. */
  | { readonly kind: 'group'; readonly items: readonly Expr[] }
  | { readonly kind: 'builtin'; readonly name: string; readonly args: readonly Expr[]; readonly at: SourceLine }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly at: SourceLine };

/** print/printf's output: stdout, or a file by `>` / `>>`. */
export interface Redirect {
  readonly mode: '>' | '>>';
  readonly target: Expr;
}

export type Stmt =
  | { readonly kind: 'expr'; readonly expr: Expr }
  | { readonly kind: 'print'; readonly args: readonly Expr[]; readonly redirect?: Redirect; readonly at: SourceLine }
  | { readonly kind: 'printf'; readonly args: readonly Expr[]; readonly redirect?: Redirect; readonly at: SourceLine }
  | { readonly kind: 'if'; readonly test: Expr; readonly then: Stmt; readonly otherwise?: Stmt }
  | { readonly kind: 'while'; readonly test: Expr; readonly body: Stmt }
  | { readonly kind: 'do'; readonly body: Stmt; readonly test: Expr }
  | { readonly kind: 'for'; readonly init?: Expr; readonly test?: Expr; readonly step?: Expr; readonly body: Stmt }
  | { readonly kind: 'forin'; readonly variable: LValue; readonly array: VariableRef; readonly body: Stmt; readonly at: SourceLine }
  | { readonly kind: 'block'; readonly body: readonly Stmt[] }
  | { readonly kind: 'break' | 'continue' | 'next' | 'nextfile' }
  | { readonly kind: 'exit'; readonly status?: Expr }
  | { readonly kind: 'return'; readonly value?: Expr }
  | { readonly kind: 'delete'; readonly array: VariableRef; readonly subscripts?: readonly Expr[]; readonly at: SourceLine };

/** A rule's pattern: none (every record), one expression, or a range `p1, p2`. */
export type Pattern =
  | { readonly kind: 'all' }
  | { readonly kind: 'expr'; readonly expr: Expr }
  | { readonly kind: 'range'; readonly from: Expr; readonly to: Expr };

/** A main rule; without an action it prints $0. */
export interface Rule {
  readonly pattern: Pattern;
  readonly action?: readonly Stmt[];
}

/** A user-defined function: its parameters are its locals. */
export interface FunctionDef {
  readonly name: string;
  readonly params: readonly string[];
  readonly body: readonly Stmt[];
}

/** A whole program: BEGIN and END actions in order, the main rules, the functions. */
export interface Program {
  readonly begin: readonly (readonly Stmt[])[];
  readonly rules: readonly Rule[];
  readonly end: readonly (readonly Stmt[])[];
  readonly functions: ReadonlyMap<string, FunctionDef>;
}

/** Whether an expression can be assigned to: a variable, an array element or a field. */
export function isLValue(e: Expr | undefined): e is LValue {
  return e !== undefined && (e.kind === 'var' || e.kind === 'index' || e.kind === 'field');
}
