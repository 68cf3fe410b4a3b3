import type { SourceLine, VariableRef } from './ast.ts';
import { AwkSyntaxError, Lexer, type Token } from './lexer.ts';

/**
 * What every level of the parser shares: the token stream and its lookahead tests, the enclosing
 * function's parameters (a name among them is a local), whether print's arguments are being
 * parsed, and the source positions that nodes record for run-time messages.
 */

/** One program text: the command-line program or a -f file, with the name errors give it. */
export interface AwkSource {
  readonly name: string;
  readonly text: string;
}

/** A construct the lab refuses: its message, without the `lab: awk: ` prefix. */
export class Refusal extends Error {}

/** A parse-time error gawk reports without a caret (`error: …`, or `fatal: …` for a bad regex). */
export class PlainError extends Error {
  constructor(readonly offset: number, readonly text: string, readonly status: number) {
    super(text);
  }
}

/** The state and token helpers every level of the parser uses. */
export abstract class ParseState {
  protected readonly lex: Lexer;
  protected params: readonly string[] = [];
  /** Inside print's arguments (not within parentheses): `>` redirects. */
  protected inPrint = false;

  constructor(protected readonly source: AwkSource) {
    this.lex = new Lexer(source.text);
  }

  protected ref(name: string): VariableRef {
    const index = this.params.indexOf(name);
    return index >= 0 ? { scope: 'local', index, name } : { scope: 'global', name };
  }

  protected at(t: Token): SourceLine {
    return { source: this.source.name, line: this.lineAt(t.offset) };
  }

  protected lineAt(offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < this.source.text.length; i++) if (this.source.text[i] === '\n') line++;
    return line;
  }

  protected atTerminator(): boolean {
    const t = this.lex.peek();
    return t.kind === 'newline' || t.kind === 'eof' || this.is(t, ';') || this.is(t, '}');
  }

  protected expect(text: string): Token {
    const t = this.lex.next();
    if (!this.is(t, text)) throw this.syntax(t);
    return t;
  }

  protected skipNewlines(): void {
    while (this.lex.peek().kind === 'newline') this.lex.next();
  }

  protected is(t: Token, punct: string): boolean {
    return t.kind === 'punct' && t.text === punct;
  }

  protected isKeyword(t: Token, word: string): boolean {
    return t.kind === 'keyword' && t.text === word;
  }

  protected syntax(t: Token): AwkSyntaxError {
    return new AwkSyntaxError(t.offset, 'syntax error');
  }
}
