// Run as its own Node process by durability.test.ts: saves a very large
// version of an existing profile through the store, so the parent can kill it
// while the bytes are still going to disk.
import { defaultProfile } from '../../shared/profile';
import { createProfileStore } from './profiles';

const [dir = '', id = '', count = '0'] = process.argv.slice(2);
const store = createProfileStore(dir);
const packages = Array.from({ length: Number(count) }, (_, i) => `package-${i}-${'x'.repeat(40)}`);
process.stdout.write('writing\n');
const result = await store.save({ ...defaultProfile(), name: 'Big', hostname: 'big', packages }, id);
process.stdout.write(result.ok ? 'saved\n' : `failed ${result.error.message}\n`);
