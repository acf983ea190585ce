#!/usr/bin/env node
// The `steward` command. Source is TypeScript run by Node 24's type stripping, hence the check.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`steward needs Node.js 24 or newer (this is ${process.version}). Run it with npx or npm scripts, which use the Node 24 the project installs.`);
  process.exit(1);
}
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
