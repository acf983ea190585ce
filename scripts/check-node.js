// Steward runs on Node 24 LTS. npm scripts get it from the pinned `node` devDependency,
// whose binary npm puts first on PATH; this check catches a run outside npm scripts.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Steward needs Node.js 24 or newer; this is ${process.version}. ` +
      'Run it through npm (npm start, npm test), which uses the Node 24 that npm installed.',
  );
  process.exit(1);
}
