/**
 * How `ipvsadm -R` splits its standard input: config_stream_read (config_stream.c), called once
 * per line by restore_table. Words are separated by spaces, tabs, CRs and newlines; every word
 * `ipvsadm` is dropped. Its comment handling never triggers (it looks for '#' in the one
 * whitespace character after a word), so a `#` line reaches the option parser like any other
 * — the ipvsadm-restore script removes such lines with `grep -v '^#'` first. Whitespace before
 * the end of input without a final newline discards the line being read and ends the input.
 */

const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\r';

/** The command lines -R runs, each as its words (without argv[0]); lines with no word are kept as []. */
export function configStreamLines(input: string): string[][] {
  const lines: string[][] = [];
  let pos = 0;
  for (;;) {
    const words: string[] = [];
    let ntoken = 0;
    let ended: 'line' | 'none' | null = null;
    while (ended === null) {
      if (pos >= input.length) {
        // fscanf hits EOF: the words read so far, or NULL when there were none.
        ended = ntoken === 0 ? 'none' : 'line';
        break;
      }
      const c = input[pos]!;
      if (c === '\n' || isBlank(c)) {
        // The word conversion matched nothing: read whitespace by hand up to a newline.
        for (;;) {
          if (pos >= input.length) {
            ended = 'none';
            break;
          }
          const d = input[pos++]!;
          if (d === '\n') {
            ended = 'line';
            break;
          }
          if (!isBlank(d)) {
            pos--;
            break;
          }
        }
        continue;
      }
      let end = pos;
      while (end < input.length && input[end] !== '\n' && !isBlank(input[end]!)) end++;
      const word = input.slice(pos, end);
      const tail = end < input.length ? input[end]! : null;
      pos = tail === null ? end : end + 1;
      if (word !== 'ipvsadm') {
        ntoken++;
        words.push(word);
      }
      if (tail === '\n') ended = 'line';
    }
    if (ended === 'none') return lines;
    lines.push(words);
  }
}
