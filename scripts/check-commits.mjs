#!/usr/bin/env node
// Checks commit messages against scripts/commit-rules.mjs.
//   node scripts/check-commits.mjs            every commit since the rules began (CI)
//   node scripts/check-commits.mjs --message FILE   one message (the commit-msg hook)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { problemsOf } from './commit-rules.mjs';

/**
 * The last commit made before the rules were enforced: the early history
 * has longer subjects, and rewriting published history is worse than
 * leaving it.
 */
const RULES_BEGIN_AFTER = '0fcd9cf';

// The repository this script belongs to, wherever it is run from; git's own complaints stay out of the output.
const REPO = fileURLToPath(new URL('..', import.meta.url));
const git = (...args) => execFileSync('git', args, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function fail(lines) {
  for (const line of lines) console.error(line);
  process.exit(1);
}

const at = process.argv.indexOf('--message');
if (at !== -1) {
  const file = process.argv[at + 1];
  if (!file) fail(['check-commits: --message needs the file that holds the message.']);
  const problems = problemsOf(readFileSync(file, 'utf8'));
  if (problems.length > 0) fail(['The commit message does not follow the house rules:', ...problems.map((p) => `  ${p}`)]);
  process.exit(0);
}

let inRepo = false;
try {
  inRepo = git('rev-parse', '--is-inside-work-tree').trim() === 'true';
} catch {
  // Not a git checkout (an unpacked archive): there are no commits to check.
}
if (!inRepo) {
  const why = 'check-commits: this folder is not a git checkout, so there are no commit messages to check.';
  // In CI a checkout without its history is a broken setup, not a pass.
  if (process.env.CI === 'true') fail([why]);
  console.log(why);
  process.exit(0);
}

let range;
try {
  git('rev-parse', '--verify', '--quiet', `${RULES_BEGIN_AFTER}^{commit}`);
  range = `${RULES_BEGIN_AFTER}..HEAD`;
} catch {
  // A shallow clone may not reach that far back: check what it has.
  if (git('rev-parse', '--is-shallow-repository').trim() !== 'true')
    fail([`check-commits: commit ${RULES_BEGIN_AFTER}, where the rules begin, is not in this repository; fetch its whole history.`]);
  range = 'HEAD';
}

const found = [];
for (const hash of git('rev-list', '--no-merges', range).split('\n').filter(Boolean)) {
  const problems = problemsOf(git('log', '-1', '--format=%B', hash));
  if (problems.length > 0) found.push(`${hash.slice(0, 7)} ${git('log', '-1', '--format=%s', hash).trim()}`, ...problems.map((p) => `  ${p}`));
}
if (found.length > 0) fail(['Commits that do not follow the house rules (see CONTRIBUTING in the README):', ...found]);
console.log(`check-commits: every commit since ${RULES_BEGIN_AFTER} has a subject of at most 72 characters and a body.`);
