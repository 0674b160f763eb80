// extract-share.mjs - Writes YoWASP yosys's data files out as a directory.
//
// The npm package ships yosys's share directory (techmap libraries, cell
// models) inside gen/resources-yosys.js, as a nested object of file names
// to contents, which its JavaScript runtime mounts at /share. A native
// build needs it on disk to grant it with --dir.
//
//   node extract-share.mjs PACKAGE_DIR OUT_DIR
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [packageDir, outDir] = process.argv.slice(2);
if (!packageDir || !outDir) {
  console.error('usage: node extract-share.mjs PACKAGE_DIR OUT_DIR');
  process.exit(2);
}
const resources = pathToFileURL(resolve(packageDir, 'gen/resources-yosys.js'));
const { filesystem } = await import(resources.href);
if (!filesystem?.share) {
  console.error(`extract-share.mjs: ${resources.pathname} has no share directory`);
  process.exit(1);
}

let files = 0;
function write(node, dir) {
  mkdirSync(dir, { recursive: true });
  for (const [name, value] of Object.entries(node)) {
    // A name is never a path: refuse anything that would leave OUT_DIR.
    if (name === '' || name === '.' || name === '..' || name.includes('/')) {
      console.error(`extract-share.mjs: refusing entry name '${name}'`);
      process.exit(1);
    }
    if (typeof value === 'string' || value instanceof Uint8Array) {
      writeFileSync(join(dir, name), value);
      ++files;
    } else {
      write(value, join(dir, name));
    }
  }
}
write(filesystem.share, outDir);
console.log(`${files} files`);
