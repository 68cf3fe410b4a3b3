import { describe, expect, it } from 'vitest';
import { hasTerminalControls, isPlainStyle, terminalLines, xterm256, type TermLine, type TermStyle } from './terminal-text.ts';

/** The lines as plain text, for cases where only the layout matters. */
const texts = (lines: readonly TermLine[]) => lines.map((l) => l.map((s) => s.text).join(''));

describe('terminal text', () => {
  it('leaves plain text as one unstyled segment per line, a final newline ending the last line', () => {
    expect(terminalLines('one\ntwo\n')).toEqual([[{ text: 'one', style: {} }], [{ text: 'two', style: {} }]]);
    expect(terminalLines('no newline')).toEqual([[{ text: 'no newline', style: {} }]]);
    expect(terminalLines('a\n\n')).toEqual([[{ text: 'a', style: {} }], []]);
    expect(terminalLines('')).toEqual([[]]);
  });

  it('shows init.d\'s [  OK  ] in bold green at column 60 (CentOS 7 echo_success)', () => {
    // echo -n "Starting web "; echo -en "\033[60G"; echo -n "["; echo -en "\033[1;32m"; echo -n "  OK  ";
    // echo -en "\033[0;39m"; echo -n "]"; echo -ne "\r"; echo
    const text = 'Starting web ' + '\x1b[60G' + '[' + '\x1b[1;32m' + '  OK  ' + '\x1b[0;39m' + ']' + '\r' + '\n';
    expect(terminalLines(text)).toEqual([
      [
        { text: 'Starting web'.padEnd(59) + '[', style: {} },
        { text: '  OK  ', style: { fg: 2, bold: true } },
        { text: ']', style: {} },
      ],
    ]);
    expect(texts(terminalLines(text))[0]!.indexOf('[')).toBe(59);
  });

  it('colours as users\' scripts do, and turns attributes off one by one', () => {
    expect(terminalLines('\x1b[32mOK\x1b[0m\n')).toEqual([[{ text: 'OK', style: { fg: 2 } }]]);
    expect(terminalLines('\x1b[1;31mFAILED\x1b[m done')).toEqual([[{ text: 'FAILED', style: { fg: 1, bold: true } }, { text: ' done', style: {} }]]);
    expect(terminalLines('\x1b[1;2;3;4;7ma\x1b[22mb\x1b[23;24mc\x1b[27md')).toEqual([
      [
        { text: 'a', style: { bold: true, dim: true, italic: true, underline: true, inverse: true } },
        { text: 'b', style: { italic: true, underline: true, inverse: true } },
        { text: 'c', style: { inverse: true } },
        { text: 'd', style: {} },
      ],
    ]);
  });

  it('reads normal and bright foregrounds and backgrounds, and their defaults', () => {
    expect(terminalLines('\x1b[33;44ma\x1b[93;104mb\x1b[39mc\x1b[49md')).toEqual([
      [
        { text: 'a', style: { fg: 3, bg: 4 } },
        { text: 'b', style: { fg: 11, bg: 12 } },
        { text: 'c', style: { bg: 12 } },
        { text: 'd', style: {} },
      ],
    ]);
    expect(terminalLines('\x1b[37;40mx\x1b[97;107my')).toEqual([[{ text: 'x', style: { fg: 7, bg: 0 } }, { text: 'y', style: { fg: 15, bg: 15 } }]]);
  });

  it('reads 256 colours and direct RGB, in the ; and : forms', () => {
    expect(terminalLines('\x1b[38;5;208ma\x1b[48;2;255;0;128mb\x1b[0mc')).toEqual([
      [{ text: 'a', style: { fg: 208 } }, { text: 'b', style: { fg: 208, bg: '#ff0080' } }, { text: 'c', style: {} }],
    ]);
    expect(terminalLines('\x1b[38:2::1:2:3ma\x1b[38:5:9mb')).toEqual([[{ text: 'a', style: { fg: '#010203' } }, { text: 'b', style: { fg: 9 } }]]);
    // The parameters after 38;5;N are read on, not taken for N.
    expect(terminalLines('\x1b[38;5;1;4mu')).toEqual([[{ text: 'u', style: { fg: 1, underline: true } }]]);
    expect([xterm256(16), xterm256(196), xterm256(231), xterm256(232), xterm256(255)]).toEqual(['#000000', '#ff0000', '#ffffff', '#080808', '#eeeeee']);
  });

  it('moves the cursor with CHA, CUF and CUB, padding with spaces and overwriting', () => {
    expect(texts(terminalLines('ab\x1b[6Gc'))).toEqual(['ab   c']);
    expect(texts(terminalLines('abcdef\x1b[3GX'))).toEqual(['abXdef']);
    expect(texts(terminalLines('abcdef\x1b[GX'))).toEqual(['Xbcdef']);
    expect(texts(terminalLines('a\x1b[2Cb\x1b[Cc'))).toEqual(['a  b c']);
    expect(texts(terminalLines('abcdef\x1b[2DX\x1b[99DY'))).toEqual(['YbcdXf']);
    // Moving without writing leaves the line as it is.
    expect(texts(terminalLines('ab\x1b[60G'))).toEqual(['ab']);
  });

  it('returns to column 1 on \\r and one column back on \\b, later characters overwriting', () => {
    expect(texts(terminalLines('50%\r100%\n'))).toEqual(['100%']);
    expect(texts(terminalLines('abcdef\rXY'))).toEqual(['XYcdef']);
    expect(texts(terminalLines('abc\b\bZ'))).toEqual(['aZc']);
    expect(texts(terminalLines('\b\bab'))).toEqual(['ab']);
    // A coloured overwrite keeps the rest's style.
    expect(terminalLines('\x1b[31mabc\x1b[0m\rX')).toEqual([[{ text: 'X', style: {} }, { text: 'bc', style: { fg: 1 } }]]);
  });

  it('erases in line with EL 0, 1 and 2', () => {
    expect(texts(terminalLines('abcdef\x1b[3G\x1b[K'))).toEqual(['ab']);
    expect(texts(terminalLines('abcdef\x1b[3G\x1b[0KX'))).toEqual(['abX']);
    expect(texts(terminalLines('abcdef\x1b[3G\x1b[1K'))).toEqual(['   def']);
    expect(texts(terminalLines('abcdef\x1b[2KX'))).toEqual(['      X']);
    expect(texts(terminalLines('downloading 10%\r\x1b[Kdone\n'))).toEqual(['done']);
  });

  it('moves to the next multiple of 8 on a tab', () => {
    expect(texts(terminalLines('a\tb\n12345678\tc\nabcdefg\td'))).toEqual(['a       b', '12345678        c', 'abcdefg d']);
  });

  it('swallows other CSI, OSC and escape sequences, and drops other control characters', () => {
    expect(texts(terminalLines('\x1b[H\x1b[2J\x1b[3Jafter\n'))).toEqual(['after']);
    expect(texts(terminalLines('\x1b[?25la\x1b[?25h\x1b[>4;2mb\x1b[1 qc'))).toEqual(['abc']);
    expect(terminalLines('\x1b[>4;2mb')).toEqual([[{ text: 'b', style: {} }]]);
    expect(texts(terminalLines('\x1b]0;title\x07a\x1b]2;t\x1b\\b'))).toEqual(['ab']);
    expect(texts(terminalLines('\x1b(Ba\x1b7b\x1b8c\x1bPq#0\x1b\\d'))).toEqual(['abcd']);
    expect(texts(terminalLines('a\x07b\x00c\x7fd'))).toEqual(['abcd']);
  });

  it('shows a lone ESC or a sequence cut off at the end as nothing', () => {
    expect(texts(terminalLines('ok\x1b'))).toEqual(['ok']);
    expect(texts(terminalLines('ok\x1b[1;3'))).toEqual(['ok']);
    expect(texts(terminalLines('ok\x1b]0;tit'))).toEqual(['ok']);
    expect(texts(terminalLines('ok\x1b('))).toEqual(['ok']);
    expect(texts(terminalLines('a\x1b\nb'))).toEqual(['a', 'b']);
  });

  it('keeps a character outside the BMP in one cell', () => {
    expect(texts(terminalLines('😀x\bY'))).toEqual(['😀Y']);
  });

  it('tells text that needs the terminal from plain text, and plain styles', () => {
    expect(['plain\ttext\n', 'a\x1b[0m', 'a\rb', 'a\bb'].map(hasTerminalControls)).toEqual([false, true, true, true]);
    expect(([{}, { fg: 0 }, { bold: true }] as TermStyle[]).map(isPlainStyle)).toEqual([true, false, false]);
  });
});

describe('cursor movements far to the right', () => {
  it('stop at the last column, as a terminal stops them at its edge', () => {
    const lines = terminalLines('a\x1b[99999999999999999999Gx\x1b[99999Cy');
    const text = lines[0]!.map((s) => s.text).join('');
    expect(text.length).toBe(1024);
    expect(text.endsWith('y')).toBe(true);
  });
});
