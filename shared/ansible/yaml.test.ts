import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOSTILE_PIECES } from '../profile/arbitrary.test-support';
import { t, yamlDocument } from './yaml';
import { readQuoted, unsafeValues } from './yaml.test-support';

describe('the YAML writer', () => {
  it('writes profile text as !unsafe double-quoted scalars, so Ansible never templates it', () => {
    const doc = yamlDocument({ name: "{{ lookup('pipe', 'id') }}", list: ['a: b', '- c', '#d'] });
    expect(doc).toBe(['---', "name: !unsafe \"{{ lookup('pipe', 'id') }}\"", 'list:', '  - !unsafe "a: b"', '  - !unsafe "- c"', '  - !unsafe "#d"', ''].join('\n'));
  });

  it('escapes what would end the scalar or the line: quotes, backslashes, controls and Unicode line breaks', () => {
    const text = 'a"b\\c\nd\te\r\u0000\u0085\u2028\u2029\u007f\ufeff\ud800z';
    const doc = yamlDocument({ v: text });
    expect(doc.split('\n')).toHaveLength(3);
    // eslint-disable-next-line no-control-regex -- what must not be in the file raw
    expect(doc).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/);
    expect(unsafeValues(doc)).toEqual([text]);
  });

  it('keeps readable characters as they are', () => {
    expect(yamlDocument({ v: 'Zoë 🙂 日本語' })).toContain('v: !unsafe "Zoë 🙂 日本語"');
  });

  it('folds a long value over lines and reads back the same, spaces at the folds included', () => {
    const key = `ssh-rsa ${'A'.repeat(300)} jane  with  spaces  ${' x'.repeat(60)}`;
    const doc = yamlDocument({ keys: [key] });
    for (const line of doc.split('\n')) expect(line.length).toBeLessThanOrEqual(160);
    expect(doc.split('\n').length).toBeGreaterThan(4);
    expect(unsafeValues(doc)).toEqual([key]);
  });

  it('reads back any string exactly, however long and whatever it holds', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.array(fc.constantFrom(...HOSTILE_PIECES, 'x'.repeat(70)), { maxLength: 30 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (values) => {
        const doc = yamlDocument({ deep: { list: values } });
        expect(unsafeValues(doc)).toEqual(values);
      }),
    );
  });

  it('writes text Cairn wrote plain when YAML reads it as the same string, quoted otherwise, with a noqa comment when asked', () => {
    const doc = yamlDocument([{ name: t('Set the hostname'), yes: t('yes'), jinja: t('{{ x }}'), n: 3, b: false, none: null, empty: [], map: {}, raw: t('rm -f /x', 'rule') }]);
    expect(doc).toBe(
      [
        '---',
        '- name: Set the hostname',
        '  yes: "yes"',
        '  jinja: "{{ x }}"',
        '  n: 3',
        '  b: false',
        '  none: null',
        '  empty: []',
        '  map: {}',
        '  raw: rm -f /x  # noqa: rule',
        '',
      ].join('\n'),
    );
    expect(readQuoted('"{{ x }}"', 0).value).toBe('{{ x }}');
  });

  it('refuses a key that would need quoting', () => {
    expect(() => yamlDocument({ 'a b': 1 })).toThrow(/cannot be a YAML key/);
    expect(() => yamlDocument({ n: Number.NaN })).toThrow(/finite/);
  });

  it('puts the comment lines before the document', () => {
    expect(yamlDocument(['x'], ['# one', '# two']).split('\n').slice(0, 3)).toEqual(['# one', '# two', '---']);
  });
});
