import type { LabDocument } from '../document.ts';
import type { Ran, Stamp, Where } from './session-frame.ts';

/** /etc/profile on CentOS 7: HISTSIZE=1000. */
const HISTSIZE = 1000;

/**
 * The console's command history (bash's history list): each line typed at the prompt, numbered
 * from 1, as CentOS 7's /etc/profile sets it up (HISTSIZE=1000, HISTCONTROL=ignoredups: a line
 * equal to the one before is not kept again). Scripts and `bash -c` keep none. A command typed
 * over several lines is kept with its line breaks (bash's cmdhist would join them with `;`).
 */
export class CommandHistory {
  private readonly lines: string[] = [];
  /** The number of `lines[0]` (history_base): it grows as the oldest lines fall off. */
  private base = 1;

  /** add_history for a line read at the prompt. */
  add(line: string): void {
    const text = line.replace(/\n+$/, '');
    if (text.trim() === '' || text === this.lines[this.lines.length - 1]) return;
    this.lines.push(text);
    if (this.lines.length > HISTSIZE) {
      this.lines.shift();
      this.base++;
    }
  }

  /** `history [N]`: the last N lines (all without N), `%5d  %s` each. */
  listing(last = this.lines.length): string {
    const from = Math.max(0, this.lines.length - last);
    return this.lines.slice(from).map((l, i) => `${String(this.base + from + i).padStart(5)}  ${l}\n`).join('');
  }

  /** Whether entry `n` is in the list. */
  contains(n: number): boolean {
    return Number.isInteger(n) && n >= this.base && n < this.base + this.lines.length;
  }

  /** The number the next entry will get. */
  get end(): number {
    return this.base + this.lines.length;
  }

  /** `history -d N`: whether entry N was there to delete. */
  delete(n: number): boolean {
    if (!this.contains(n)) return false;
    this.lines.splice(n - this.base, 1);
    return true;
  }

  /** `history -c`. */
  clear(): void {
    this.lines.length = 0;
  }
}

/** bash 4.2's history builtin: `history [N]`, `history -c`, `history -d OFFSET`. */
export function historyBuiltin(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  const history = at.state.history;
  const err = (text: string, exitCode = 1): Ran => ({ output: stamp([{ stream: 'stderr', text }]), exitCode, doc });
  const [first, second] = argv.slice(1);
  if (first === '-c') {
    history.clear();
    return { output: [], exitCode: 0, doc };
  }
  if (first === '-d') {
    if (second === undefined) return err('bash: history: -d: option requires an argument\nhistory: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n', 2);
    // bash 4.2 takes a word that is no number, or one outside the list, as out of range alike.
    const offset = /^-?\d+$/.test(second) ? Number(second) : NaN;
    if (!history.contains(offset) && offset !== history.end) return err(`bash: history: ${second}: history position out of range\n`);
    // One past the last entry passes bash's bounds check, then deleting it fails without a word.
    return { output: [], exitCode: history.delete(offset) ? 0 : 1, doc };
  }
  if (first !== undefined && /^-[anrwps]$/.test(first)) return err(`lab: history ${first} (the history file and expansion) is not simulated\n`);
  if (first !== undefined && first.startsWith('-') && first !== '--') {
    return err(`bash: history: ${first}: invalid option\nhistory: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n`, 2);
  }
  const n = first === '--' ? second : first;
  if (n !== undefined && !/^\d+$/.test(n)) return err(`bash: history: ${n}: numeric argument required\n`);
  return { output: stamp([{ stream: 'stdout', text: history.listing(n === undefined ? undefined : Number(n)) }]), exitCode: 0, doc };
}
