import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDropbearTarget, startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { sh } from '../../shared/shell';
import { exec, type SshConnection } from '../ssh';
import { channelsDuring } from '../ssh/channels.test-support';
import { planUpload } from '../ssh/upload';
import { detachedFiles } from './detached';
import { follow } from './follow';
import { loginTo, workDirOn } from './runs.test-support';
import { Session } from './session';

// The answer file travels on the launch's own channel: placed (and checked
// by sha256) before setup-alpine starts, one round trip fewer per box.
describe.each([
  ['Dropbear, dash', startDropbearTarget],
  ['OpenSSH on Alpine, BusyBox ash', startOpenSshTarget],
])('a detached step that brings its file along (%s)', (_name, start) => {
  let target: TestTarget;
  let login: ReturnType<typeof loginTo>;
  let session: Session;
  let conn: SshConnection;
  let workDir: string;

  beforeAll(async () => {
    target = await start();
    login = loginTo(target);
    session = new Session(login.connect);
    const opened = await session.open();
    if (!opened.ok) throw new Error(opened.error.message);
    conn = opened.value;
    workDir = await workDirOn(conn);
  });
  afterAll(async () => {
    await session?.close();
    login?.cleanup();
    await target?.stop();
  });

  const listing = async () => {
    const ls = await exec(conn, sh('ls', '-A', workDir), { timeoutMs: 10_000 });
    return ls.ok ? ls.value.stdout.split('\n').filter(Boolean) : [];
  };

  it('places the file, mode 0600, before the step starts, all on one channel', async () => {
    const answers = `${workDir}/answers`;
    const content = 'KEYMAPOPTS="us us"\nHOSTNAMEOPTS=box-1\n'.repeat(500);
    const files = detachedFiles(workDir, 'with-file');
    let output = '';
    const { result, channels } = await channelsDuring(conn, () =>
      follow(session, files, {
        launch: sh('/bin/sh', '-c', 'stat -c %a "$1" && cat "$1"', 'step', answers),
        upload: planUpload(answers, content),
        onData: (chunk) => (output += chunk.toString()),
      }),
    );
    expect(result).toEqual({ ok: true, value: { exitCode: 0 } });
    expect(output).toBe(`600\n${content}`);
    expect(channels).toBe(1);
    expect((await listing()).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('does not start the step when the copy does not match what was sent, and leaves no copy behind', async () => {
    const answers = `${workDir}/bad-answers`;
    const files = detachedFiles(workDir, 'bad-file');
    const sent = planUpload(answers, 'what was hashed');
    // What the box gets differs from what Cairn hashed: as if the bytes changed on the way.
    const tampered = { ...sent, data: Buffer.from('what arrived instead') };
    const result = await follow(session, files, { launch: sh('touch', `${workDir}/started`), upload: tampered, onData: () => undefined });
    expect(result).toMatchObject({ ok: false, error: { code: 'upload-mismatch', message: expect.stringContaining(`The copy of ${answers} on `) } });
    const left = await listing();
    expect(left).not.toContain('started');
    expect(left).not.toContain('bad-file.log');
    expect(left.filter((f) => f.startsWith('bad-answers'))).toEqual([]);
  });

  it('says why when the file cannot be written, naming it', async () => {
    const answers = `${workDir}/no-such-folder/answers`;
    const result = await follow(session, detachedFiles(workDir, 'no-folder'), { launch: sh('true'), upload: planUpload(answers, 'x'), onData: () => undefined });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'remote-failed', message: expect.stringMatching(new RegExp(`^Writing ${answers} on .* failed \\(.+\\): check that the folder exists`)) },
    });
    expect(await listing()).not.toContain('no-folder.log');
  });
});
