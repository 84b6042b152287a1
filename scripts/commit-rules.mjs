// The house rules for a commit message, shared by the CI check
// (scripts/check-commits.mjs) and the optional commit-msg hook (.githooks/).

/** A subject longer than this is cut in `git log --oneline` and in most tools' lists. */
export const SUBJECT_MAX = 72;

/**
 * What is wrong with one commit message, as sentences naming the line and
 * the fix; empty when it follows the rules: a one-line subject of at most
 * 72 characters, a blank line, then a body that explains.
 */
export function problemsOf(message) {
  // git strips comment lines itself when it commits; a hook sees them still.
  const lines = message
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((line) => !line.startsWith('#'));
  while (lines.length > 0 && lines.at(-1).trim() === '') lines.pop();
  const subject = lines[0] ?? '';
  const problems = [];
  if (subject.trim() === '') return ['Line 1: the subject is empty. Say in one line what the commit changes.'];
  if (subject.length > SUBJECT_MAX) problems.push(`Line 1: the subject has ${subject.length} characters; keep it to ${SUBJECT_MAX} and move the rest into the body.`);
  if (lines.length > 1 && lines[1].trim() !== '') problems.push('Line 2: the subject runs on to a second line; end it after one line and leave line 2 blank before the body.');
  if (!lines.slice(2).some((line) => line.trim() !== '')) problems.push('The body is missing: after a blank line, explain why the change was made and what it affects.');
  return problems;
}
