import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { armScript, checkGuardPlan, confirmCommand, forgetCommand, guardDir, parseGuardReport, statusCommand, type GuardPlan } from './revert-script';

// The scripts are run here by the host's /bin/sh (POSIX, like the box's
// BusyBox ash) in a scratch directory, with an rc-service on PATH that
// records what it was asked: the integration tests run them on the Alpine
// chroot over SSH.
const scratch = mkdtempSync(path.join(tmpdir(), 'cairn-revert-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const bin = path.join(scratch, 'bin');
mkdirSync(bin);
writeFileSync(
  path.join(bin, 'rc-service'),
  '#!/bin/sh\necho "$*" >> "$FAKE_RC_LOG"\n[ -n "$FAKE_RC_SLEEP" ] && sleep "$FAKE_RC_SLEEP"\n[ "$1 $2" = "$FAKE_RC_FAIL" ] && { echo "$1 failed to $2" >&2; exit 1; }\nexit 0\n',
);
chmodSync(path.join(bin, 'rc-service'), 0o755);

let n = 0;
/** A fresh place for one change: the state and pid roots, and a folder for its files. */
function place() {
  const dir = path.join(scratch, `c${++n}`);
  mkdirSync(path.join(dir, 'files'), { recursive: true });
  return { dir, files: path.join(dir, 'files'), state: path.join(dir, 'state'), pids: path.join(dir, 'run'), rcLog: path.join(dir, 'rc.log') };
}
type Place = ReturnType<typeof place>;

const env = (p: Place, fail = '', slow = '') => ({ PATH: `${bin}:/usr/bin:/bin`, FAKE_RC_LOG: p.rcLog, FAKE_RC_FAIL: fail, FAKE_RC_SLEEP: slow });
const run = (script: string, p: Place, fail = '', slow = '') => spawnSync('/bin/sh', [], { input: script, encoding: 'utf8', env: env(p, fail, slow) });
const runLine = (line: string, p: Place) => spawnSync('/bin/sh', ['-c', line], { encoding: 'utf8', env: env(p) });

const plan = (p: Place, over: Partial<GuardPlan> = {}): GuardPlan => ({
  id: 'change-1',
  files: [],
  restart: [],
  stop: [],
  windowSeconds: 30,
  stateRoot: p.state,
  pidRoot: p.pids,
  ...over,
});

const marker = (p: Place, id: string, name: string) => path.join(guardDir(id, p.state), name);
const guardGone = (p: Place, id: string) =>
  expect.poll(() => existsSync(path.join(p.pids, `revert-${id}.pid`)) || !existsSync(marker(p, id, 'log')), { timeout: 10_000 }).toBe(false);
const rcCalls = (p: Place) => (existsSync(p.rcLog) ? readFileSync(p.rcLog, 'utf8').trim().split('\n') : []);

describe('checkGuardPlan', () => {
  const p = place();
  it('names the field at fault before anything is sent', () => {
    expect(checkGuardPlan(plan(p))).toMatchObject({ field: 'files', message: expect.stringMatching(/nothing to guard/) });
    expect(checkGuardPlan(plan(p, { id: 'Bad id', restart: ['sshd'] }))).toMatchObject({ field: 'id' });
    expect(checkGuardPlan(plan(p, { windowSeconds: 0, restart: ['sshd'] }))).toMatchObject({ field: 'windowSeconds' });
    expect(checkGuardPlan(plan(p, { files: [{ path: 'etc/hosts', content: '', mode: 0o644 }] }))).toMatchObject({ field: 'files.0.path' });
    expect(
      checkGuardPlan(
        plan(p, {
          files: [
            { path: '/etc/hosts', content: '', mode: 0o644 },
            { path: '/etc/hosts', content: '', mode: 0o644 },
          ],
        }),
      ),
    ).toMatchObject({
      field: 'files.1.path',
      message: '/etc/hosts is written twice in one change: keep one.',
    });
    expect(checkGuardPlan(plan(p, { files: [{ path: '/etc/hosts', content: '', mode: 0o10000 }] }))).toMatchObject({ field: 'files.0.mode' });
    expect(checkGuardPlan(plan(p, { files: [{ path: '/etc/hosts', content: 'a\0b', mode: 0o644 }] }))).toMatchObject({ field: 'files.0.content' });
    expect(checkGuardPlan(plan(p, { stop: ['sshd', 'x; reboot'] }))).toMatchObject({ field: 'stop.1' });
    expect(checkGuardPlan(plan(p, { restart: ['networking'] }))).toBeNull();
  });

  it('refuses to build a script for a plan it would refuse', () => {
    expect(() => armScript(plan(p))).toThrow(/nothing to guard/);
    expect(() => confirmCommand('../etc')).toThrow(/cannot name a change/);
  });
});

describe('a guarded change run by a real shell', () => {
  it('writes any content to any file name exactly, and a confirm keeps it', async () => {
    const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => !s.includes('/') && !s.includes('\0') && s !== '.' && s !== '..');
    const content = fc.string({ unit: 'binary', maxLength: 300 }).filter((s) => !s.includes('\0'));
    await fc.assert(
      fc.asyncProperty(name, content, fc.integer({ min: 0, max: 0o777 }), async (file, text, mode) => {
        const p = place();
        const target = path.join(p.files, file);
        writeFileSync(target, 'before\n');
        const armed = run(armScript(plan(p, { files: [{ path: target, content: text, mode }] })), p);
        expect(armed.stdout).toBe('cairn-guard armed\n');
        await expect.poll(() => existsSync(marker(p, 'change-1', 'applied')), { timeout: 10_000 }).toBe(true);
        expect(parseGuardReport(runLine(confirmCommand('change-1', p.state), p).stdout)).toMatchObject({ state: 'confirmed' });
        await guardGone(p, 'change-1');
        expect(readFileSync(target)).toEqual(Buffer.from(text, 'utf8'));
        expect(statSync(target).mode & 0o7777).toBe(mode);
        // Nothing else was written beside it (no temporary file left over).
        expect(spawnSync('ls', ['-A', p.files], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)).toHaveLength(1);
      }),
      { numRuns: 15 },
    );
  }, 60_000);

  it('puts every file back byte for byte, with its mode, when the change fails on the box', async () => {
    const content = fc.string({ unit: 'binary', maxLength: 200 }).filter((s) => !s.includes('\0'));
    await fc.assert(
      fc.asyncProperty(content, content, async (old, next) => {
        const p = place();
        const kept = path.join(p.files, "it's $(reboot) `x`\n.conf");
        const created = path.join(p.files, '-new file');
        writeFileSync(kept, old);
        chmodSync(kept, 0o640);
        const armed = run(
          armScript(
            plan(p, {
              files: [
                { path: kept, content: next, mode: 0o600 },
                { path: created, content: 'x', mode: 0o644 },
              ],
              restart: ['networking', 'sshd'],
            }),
          ),
          p,
          'sshd restart',
        );
        expect(armed.status).toBe(0);
        await expect.poll(() => existsSync(marker(p, 'change-1', 'reverted')), { timeout: 10_000 }).toBe(true);
        await guardGone(p, 'change-1');
        expect(readFileSync(kept)).toEqual(Buffer.from(old, 'utf8'));
        expect(statSync(kept).mode & 0o7777).toBe(0o640);
        expect(existsSync(created)).toBe(false);
        // The failed restart stopped the change; undoing restarts what it restarted.
        expect(rcCalls(p)).toEqual(['networking restart', 'sshd restart', 'networking restart', 'sshd restart']);
        const report = parseGuardReport(runLine(statusCommand('change-1', p.state), p).stdout);
        expect(report).toMatchObject({ state: 'reverted', why: 'apply-failed', complete: false });
        expect(report?.log.join('\n')).toMatch(/rc-service sshd restart failed/);
      }),
      { numRuns: 10 },
    );
  }, 60_000);

  it('undoes the change by itself when no confirm comes within the window, starting what it stopped', async () => {
    const p = place();
    const file = path.join(p.files, 'interfaces');
    writeFileSync(file, 'auto eth0\n');
    run(armScript(plan(p, { files: [{ path: file, content: 'auto wlan0\n', mode: 0o644 }], stop: ['networking'], windowSeconds: 1 })), p);
    await expect.poll(() => existsSync(marker(p, 'change-1', 'applied')), { timeout: 10_000 }).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('auto wlan0\n');
    await expect.poll(() => existsSync(marker(p, 'change-1', 'reverted')), { timeout: 10_000 }).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('auto eth0\n');
    expect(rcCalls(p)).toEqual(['networking stop', 'networking start']);
    // A confirm arriving after the box gave up cannot take the revert back: it reads what happened.
    expect(parseGuardReport(runLine(confirmCommand('change-1', p.state), p).stdout)).toMatchObject({ state: 'reverted', why: 'timeout', complete: true });
    expect(existsSync(marker(p, 'change-1', 'confirmed'))).toBe(false);
  });

  it('does not confirm a change the box is still applying, and forgets only a decided one', async () => {
    const p = place();
    // A restart that takes a second: until it is done the change is "applying", and a confirm decides nothing.
    const armed = run(armScript(plan(p, { restart: ['networking'] })), p, '', '1');
    expect(armed.status).toBe(0);
    const dir = guardDir('change-1', p.state);
    expect(parseGuardReport(runLine(confirmCommand('change-1', p.state), p).stdout)?.state).toBe('applying');
    expect(existsSync(path.join(dir, 'pending'))).toBe(true);
    runLine(forgetCommand('change-1', p.state), p);
    expect(existsSync(dir)).toBe(true);
    await expect.poll(() => existsSync(marker(p, 'change-1', 'applied')), { timeout: 10_000 }).toBe(true);
    expect(parseGuardReport(runLine(confirmCommand('change-1', p.state), p).stdout)?.state).toBe('confirmed');
    // Asked again (an answer lost with the connection), it says the same.
    expect(parseGuardReport(runLine(confirmCommand('change-1', p.state), p).stdout)?.state).toBe('confirmed');
    await guardGone(p, 'change-1');
    runLine(forgetCommand('change-1', p.state), p);
    expect(existsSync(dir)).toBe(false);
    expect(parseGuardReport(runLine(statusCommand('change-1', p.state), p).stdout)?.state).toBe('missing');
  });

  it('tells a guard at work from one that died before the change was decided', async () => {
    const p = place();
    // A restart that takes seconds keeps the change "applying" while the guard is looked at.
    expect(run(armScript(plan(p, { restart: ['networking'] })), p, '', '3').status).toBe(0);
    const status = () => parseGuardReport(runLine(statusCommand('change-1', p.state), p).stdout);
    await expect.poll(() => status()?.log.join('\n') ?? '', { timeout: 10_000 }).toContain('applying the change');
    expect(status()).toMatchObject({ state: 'applying', guardGone: false });
    process.kill(Number(readFileSync(path.join(p.pids, 'revert-change-1.pid'), 'utf8')), 'SIGKILL');
    await expect.poll(() => status()?.guardGone, { timeout: 5000 }).toBe(true);
    expect(status()?.state).toBe('applying');
  });

  it('refuses a second change of the same name and leaves the first alone', async () => {
    const p = place();
    const file = path.join(p.files, 'f');
    writeFileSync(file, 'one');
    expect(run(armScript(plan(p, { files: [{ path: file, content: 'two', mode: 0o644 }], windowSeconds: 5 })), p).status).toBe(0);
    const again = run(armScript(plan(p, { files: [{ path: file, content: 'three', mode: 0o644 }] })), p);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('A change named change-1 is already on the box.\n');
    await expect.poll(() => existsSync(marker(p, 'change-1', 'applied')), { timeout: 10_000 }).toBe(true);
    expect(parseGuardReport(runLine(confirmCommand('change-1', p.state), p).stdout)?.state).toBe('confirmed');
    await guardGone(p, 'change-1');
    expect(readFileSync(file, 'utf8')).toBe('two');
  });

  it('starts the guard even when the terminal that armed it hangs up before the guard detaches', async () => {
    // doas with a password runs the arm on a terminal whose session ends with it. A setsid that is slow
    // to start (a busy box) stands in for the scheduling that lost this race in CI.
    const p = place();
    const slow = path.join(p.dir, 'bin');
    mkdirSync(slow);
    writeFileSync(path.join(slow, 'setsid'), '#!/bin/sh\nsleep 1\nexec /usr/bin/setsid "$@"\n', { mode: 0o755 });
    const file = path.join(p.files, 'f');
    writeFileSync(file, 'one');
    const arm = path.join(p.dir, 'arm.sh');
    writeFileSync(arm, armScript(plan(p, { files: [{ path: file, content: 'two', mode: 0o644 }] })));
    const armed = spawnSync('/usr/bin/script', ['-qec', `/bin/sh ${arm}`, '/dev/null'], { encoding: 'utf8', env: { ...env(p), PATH: `${slow}:${env(p).PATH}` } });
    expect(armed.stdout).toContain('cairn-guard armed');
    await expect.poll(() => existsSync(marker(p, 'change-1', 'applied')), { timeout: 10_000 }).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(parseGuardReport(runLine(confirmCommand('change-1', p.state), p).stdout)?.state).toBe('confirmed');
    await guardGone(p, 'change-1');
  });

  it('refuses to replace a directory, and leaves no record behind', () => {
    const p = place();
    const armed = run(armScript(plan(p, { files: [{ path: p.files, content: 'x', mode: 0o644 }] })), p);
    expect(armed.status).toBe(1);
    expect(armed.stderr).toBe(`${p.files} is a directory, not a file.\n`);
    expect(existsSync(guardDir('change-1', p.state))).toBe(false);
  });
});

describe('parseGuardReport', () => {
  it('reads the state line and the log after it; anything else is not a report', () => {
    expect(parseGuardReport('cairn-guard reverted timeout \n10:00:00 applying the change\n')).toEqual({
      state: 'reverted',
      why: 'timeout',
      complete: true,
      log: ['10:00:00 applying the change'],
      guardGone: false,
    });
    expect(parseGuardReport('cairn-guard confirmed  \n')).toEqual({ state: 'confirmed', why: null, complete: true, log: [], guardGone: false });
    expect(parseGuardReport('cairn-guard applying   guard-gone\n')).toMatchObject({ state: 'applying', guardGone: true });
    expect(parseGuardReport('cairn-guard sideways\n')).toBeNull();
    expect(parseGuardReport('')).toBeNull();
  });
});
