// Child process for the lock tests: opens the embedded store in argv[2]. With `hold`, keeps it
// open until its stdin closes. Prints `opened` on success; on failure prints the error message
// to stderr and exits with code 1.
import { openStore } from '../../src/index.ts';

const [dataDir, mode] = process.argv.slice(2);
try {
  const store = await openStore({ dataDir: dataDir! });
  process.stdout.write('opened\n');
  if (mode === 'hold') {
    process.stdin.resume();
    await new Promise((resolve) => process.stdin.on('end', resolve));
  }
  await store.close();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
}
