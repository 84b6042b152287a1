import { describe, expect, it } from 'vitest';
import { runWithShims } from '../../shared/plan/shims.test-support';
import { op, sh } from '../../shared/shell';
import { asLogin, firstLine } from './run-on-box';

describe('commands as the login runs them', () => {
  const line = sh('rc-update', 'add', 'my svc', 'default', op('&&'), 'rc-service', 'my svc', 'start');

  it('runs the whole command line as root through doas when the login is not root', () => {
    const run = runWithShims(asLogin(line, 'doas'), ['rc-update', 'rc-service']);
    expect(run.status).toBe(0);
    expect(run.calls.map((c) => [c.name, c.args, c.asRoot])).toEqual([
      ['rc-update', ['add', 'my svc', 'default'], true],
      ['rc-service', ['my svc', 'start'], true],
    ]);
  });

  it('leaves the line alone for root', () => {
    expect(asLogin(line, 'root')).toBe(line);
    expect(asLogin(line, undefined)).toBe(line);
  });

  it("takes the first line worth showing from a tool's error output", () => {
    expect(firstLine("\n * rc-service: service `x' does not exist\n * second\n")).toBe("rc-service: service `x' does not exist");
    expect(firstLine('  \n')).toBeNull();
  });
});
