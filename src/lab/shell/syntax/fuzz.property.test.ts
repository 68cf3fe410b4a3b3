import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShellFixture } from '../testing/fixture.ts';
import { isSyntaxError, parseCommandLine, splitCommands } from './command-line.ts';

/** Pieces of bash the lines are made of: words, operators, quotes, expansions, reserved words, here-documents. */
const PIECES = [
  'echo', 'a', 'b', '$X', '${Y}', '$1', '$#', '"', "'", '\\', '`', '$(', ')', '(', '{', '}', '{1..3}', 'x{a,b}', ';', ';;', '&', '&&', '||', '|',
  '>', '>>', '<', '2>&1', '<<EOF', '<<-E', "<<'Q'", 'EOF', 'E', 'Q', '\n', '\t', ' ', 'if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do', 'done',
  'while', 'until', 'case', 'esac', '*)', '[a-z])', '!', '[', ']', 'test', '-eq', 'break', 'continue', 'exit', 'shift', 'true', 'false', '#',
  '$((', '))', '((', 'i++', '1/0', '+', '**', '${X:-', '${#X}', '${X%', '${X//a/b}', '${X:1:', '${!X}', '${X:?', 'f()', 'function', 'f', 'return',
  'local', 'let', '"$@"', '<<<', 'read', 'read -r x', 'while read l', '[[', ']]', '=~', '-eq', '==',
];

const line = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((p) => p.join(' '));
const glued = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((p) => p.join(''));

describe('the shell never throws on any line (fuzzed)', () => {
  it('parses or answers a syntax error', () => {
    fc.assert(fc.property(fc.oneof(line, glued, fc.string({ maxLength: 40 })), (text) => {
      const r = parseCommandLine(text);
      expect(Array.isArray(r) || isSyntaxError(r)).toBe(true);
      const { commands, rest } = splitCommands(text);
      expect(commands.every((c) => c.trim() !== '')).toBe(true);
      expect(typeof rest).toBe('string');
    }), { numRuns: 3000 });
  });

  it('runs any line to an outcome without throwing, and leaves a valid lab', () => {
    const f = new ShellFixture();
    fc.assert(fc.property(fc.oneof(line, glued), (text) => {
      const r = f.run('web1', text);
      expect(typeof r.exitCode).toBe('number');
      expect(r.doc.nodes.length).toBeGreaterThan(0);
    }), { numRuns: 800 });
  });
});
