/**
 * What the console's editor runs when vim saves: the command that writes the text as :w would,
 * a here-document with a delimiter the text does not contain. Apart from the rest of the shell,
 * so the page loads no more than this to build it.
 */

/** The command that writes `content` to `path` as vim's :w would (a missing final newline is added, vim's 'fixeol'). */
export function saveCommand(path: string, content: string): string {
  const lines = content === '' ? [] : (content.endsWith('\n') ? content.slice(0, -1) : content).split('\n');
  let delimiter = 'EOF';
  for (let k = 1; lines.includes(delimiter); k++) delimiter = `EOF${k}`;
  const shown = /^[\w./:@+-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
  return [`cat > ${shown} <<'${delimiter}'`, ...lines, delimiter].join('\n');
}
