// Before `npm start`: build the web app if it has not been built (npm install normally does it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const index = join(import.meta.dirname, '..', 'packages', 'web', 'dist', 'index.html');
if (!existsSync(index)) {
  console.log('Building the web app…');
  const res = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(res.status ?? 1);
}
