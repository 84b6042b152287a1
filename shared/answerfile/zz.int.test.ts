import { it } from 'vitest';
import { InstallerOracle } from '../../e2e/target/installer-oracle';
import { parse, render } from '.';
it('show', async () => {
  const o = await InstallerOracle.start();
  const text = '# nothing set\n';
  const a = await o.run(text, 40000);
  const rendered = render(parse(text).profile);
  const b = await o.run(rendered, 40000);
  console.log(a.code, b.code, JSON.stringify(a.tree), '\n----\n', JSON.stringify(b.tree), a.disk, b.disk, '\n====', a.output.slice(-3000));
  o.stop();
}, 120000);
