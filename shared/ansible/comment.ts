// A comment ends at a line break, after which YAML, INI and sh read the rest
// as content: text from a profile shown in a comment (its name, an interface)
// has every character that could end the line replaced.

// eslint-disable-next-line no-control-regex -- control characters and Unicode line breaks are what is replaced
const LINE_ENDING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

/** Text safe inside one comment line. */
export const commentText = (text: string): string => text.replace(LINE_ENDING, '\uFFFD');

/**
 * `# ` lines holding the paragraphs, wrapped near `width` columns, later lines
 * of a paragraph indented by `hanging`. A paragraph starting with two spaces
 * (a command to copy) is kept whole; an empty one is a bare `#`.
 */
export function commentLines(paragraphs: readonly string[], hanging = '', width = 100): string[] {
  const out: string[] = [];
  for (const paragraph of paragraphs) {
    const text = commentText(paragraph);
    if (text.trim() === '') out.push('#');
    else if (text.startsWith('  ')) out.push(`# ${text}`);
    else {
      let line = '';
      for (const word of text.split(' ').filter((w) => w !== '')) {
        if (line !== '' && line.length + 1 + word.length > width) {
          out.push(`# ${line}`);
          line = `${hanging}${word}`;
        } else line = line === '' ? word : `${line} ${word}`;
      }
      out.push(`# ${line}`);
    }
  }
  return out;
}
